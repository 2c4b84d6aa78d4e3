package dev.sluice.bench;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking HTTP/1.1 client connection over a raw socket, meant to run on a virtual thread:
 * one precomputed request is written with a single {@code write}, the response is parsed in place
 * (status line, the few headers that matter, a {@code Content-Length} or chunked body) without
 * allocating per byte, and the connection is kept alive for the next request.
 *
 * <p>For a streamed answer it watches the SSE body as it arrives: the time the first {@code data:}
 * frame with non-empty {@code content} was complete (the time to first token), the number of
 * {@code data:} frames, and whether {@code data: [DONE]} ended the stream.
 */
final class HttpConnection implements Closeable {

    private static final byte[] CONTENT_KEY = "\"content\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean open = true;

    // SSE line state of the current response
    private final byte[] line = new byte[8192];
    private int lineLen;
    private boolean lineOverflow;

    /** What one exchange returned. */
    static final class Response {
        int status;
        long bodyBytes;
        long firstContentNanos;
        int dataFrames;
        int contentFrames;
        boolean done;
        boolean keepAlive;
        /** The first bytes of the body, for error messages and checks. */
        String head = "";
    }

    HttpConnection(String host, int port, int connectTimeoutMs, int readTimeoutMs, int bufferSize) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            s.setSoTimeout(readTimeoutMs);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        this.socket = s;
        this.in = s.getInputStream();
        this.out = s.getOutputStream();
        this.buf = new byte[bufferSize];
    }

    boolean isOpen() {
        return open;
    }

    /**
     * Sends {@code request} (a complete HTTP/1.1 request) and reads the whole response.
     *
     * @param sse whether to watch the body as server-sent events
     * @param keepHead how many bytes of the body to keep in {@link Response#head}
     */
    Response exchange(byte[] request, boolean sse, int keepHead) throws IOException {
        out.write(request);
        out.flush();
        Response r = new Response();
        r.keepAlive = true;
        lineLen = 0;
        lineOverflow = false;
        String statusLine = readLine();
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("bad status line: " + statusLine);
        }
        r.status = Integer.parseInt(statusLine.substring(9, 12));
        if (statusLine.startsWith("HTTP/1.0")) {
            r.keepAlive = false;
        }
        long contentLength = -1;
        boolean chunked = false;
        while (true) {
            String h = readLine();
            if (h.isEmpty()) {
                break;
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("connection")) {
                if (value.equalsIgnoreCase("close")) {
                    r.keepAlive = false;
                } else if (value.equalsIgnoreCase("keep-alive")) {
                    r.keepAlive = true;
                }
            }
        }
        StringBuilder head = keepHead > 0 ? new StringBuilder() : null;
        if (chunked) {
            while (true) {
                String sizeLine = readLine();
                int semi = sizeLine.indexOf(';');
                long size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                if (size == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                body(size, r, sse, head, keepHead);
                String crlf = readLine();
                if (!crlf.isEmpty()) {
                    throw new IOException("bad chunk end");
                }
            }
        } else if (contentLength >= 0) {
            body(contentLength, r, sse, head, keepHead);
        } else {
            // read to end of stream
            body(Long.MAX_VALUE, r, sse, head, keepHead);
            r.keepAlive = false;
        }
        if (sse && lineLen > 0) {
            sseLine(r);
        }
        if (head != null) {
            r.head = head.toString();
        }
        if (!r.keepAlive) {
            close();
        }
        return r;
    }

    private void body(long n, Response r, boolean sse, StringBuilder head, int keepHead) throws IOException {
        long left = n;
        while (left > 0) {
            if (pos == lim) {
                if (!fill()) {
                    if (n == Long.MAX_VALUE) {
                        return;
                    }
                    throw new EOFException("connection closed in the body");
                }
            }
            int take = (int) Math.min(left, lim - pos);
            if (head != null && head.length() < keepHead) {
                head.append(new String(buf, pos, Math.min(take, keepHead - head.length()), StandardCharsets.UTF_8));
            }
            if (sse) {
                for (int i = pos; i < pos + take; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        sseLine(r);
                    } else if (lineLen < line.length) {
                        line[lineLen++] = b;
                    } else {
                        lineOverflow = true;
                    }
                }
            }
            pos += take;
            left -= take;
            r.bodyBytes += take;
        }
    }

    private void sseLine(Response r) {
        int len = lineLen;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        if (startsWith(line, len, DATA)) {
            if (startsWith(line, len, DONE)) {
                r.done = true;
            } else {
                r.dataFrames++;
                if (hasContent(line, len) || lineOverflow) {
                    r.contentFrames++;
                    if (r.firstContentNanos == 0) {
                        r.firstContentNanos = System.nanoTime();
                    }
                }
            }
        }
        lineLen = 0;
        lineOverflow = false;
    }

    private static boolean startsWith(byte[] a, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the frame has {@code "content":"x...} with at least one character. */
    private static boolean hasContent(byte[] a, int len) {
        outer:
        for (int i = 0; i <= len - CONTENT_KEY.length - 1; i++) {
            for (int j = 0; j < CONTENT_KEY.length; j++) {
                if (a[i + j] != CONTENT_KEY[j]) {
                    continue outer;
                }
            }
            if (a[i + CONTENT_KEY.length] != '"') {
                return true;
            }
        }
        return false;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    /** One CRLF-terminated line of the header section, without the line end. */
    private String readLine() throws IOException {
        StringBuilder sb = null;
        while (true) {
            if (pos == lim && !fill()) {
                throw new EOFException("connection closed" + (sb == null ? "" : " after " + sb));
            }
            int start = pos;
            while (pos < lim && buf[pos] != '\n') {
                pos++;
            }
            if (pos < lim) {
                int end = pos;
                pos++;
                if (end > start && buf[end - 1] == '\r') {
                    end--;
                } else if (end == start && sb != null && sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
                    sb.setLength(sb.length() - 1);
                }
                String part = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
                return sb == null ? part : sb.append(part).toString();
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(new String(buf, start, pos - start, StandardCharsets.ISO_8859_1));
            if (sb.length() > 65536) {
                throw new IOException("header line too long");
            }
        }
    }

    /** Builds a complete POST request with the given extra headers ({@code name: value} lines). */
    static byte[] post(String host, int port, String path, byte[] body, String... headers) {
        StringBuilder sb = new StringBuilder();
        sb.append("POST ").append(path).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(host).append(':').append(port).append("\r\n");
        sb.append("Content-Type: application/json\r\n");
        sb.append("Accept: */*\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException e) {
            // ignore
        }
    }
}
