// The sandbox of one pooled context, evaluated once before any policy code runs in it.
//
// 1. Guards: builtins that would allocate in one step an array as long as an argument says are
//    wrapped to refuse lengths over the limit (the per-call allocation budget cannot stop a
//    single huge allocation in time).
// 2. Lockdown: globals that reach outside one call (host interop, weak references, shared
//    memory, code from strings) are removed, then every object reachable from the global object,
//    the hidden intrinsics and the prototypes of the gateway's objects is frozen. A call can
//    change nothing another call will see.
// 3. The driver: calls one hook of a fresh instance of the policy with read-only views of JSON
//    (the request and the facts of ctx) and returns the result as a string or JSON text. The only
//    host objects that cross into JavaScript are ctx's fact objects, of which the context shows
//    final fields and nothing else; nothing but strings crosses back.
(function (maxElements, maxLogLines, maxLogLength) {
  "use strict";
  // After the limits, one of each kind of object the gateway passes in, the last a function that
  // throws.
  const foreign = Array.prototype.slice.call(arguments, 3);
  const freeze = Object.freeze;
  const getPrototypeOf = Object.getPrototypeOf;
  const defineProperty = Object.defineProperty;
  const ownKeys = Reflect.ownKeys;
  const describe = Reflect.getOwnPropertyDescriptor;
  const apply = Reflect.apply;
  const stringify = JSON.stringify;
  const isArray = Array.isArray;
  const iterator = Symbol.iterator;

  function tooLong(length) {
    return new RangeError("length " + length + " is over the policy sandbox's limit of " + maxElements + " elements");
  }
  function lengthOf(value) {
    if (value === null || value === undefined) {
      return 0;
    }
    const length = typeof value === "string" ? value.length : Object(value).length;
    return typeof length === "number" ? length : 0;
  }
  function check(value) {
    const length = lengthOf(value);
    if (length > maxElements) {
      throw tooLong(length);
    }
  }
  function replace(owner, name, wrapper) {
    defineProperty(owner, name, { value: wrapper, writable: true, configurable: true, enumerable: false });
  }
  function guardReceiver(owner, names) {
    for (const name of names) {
      const original = owner[name];
      if (typeof original === "function") {
        replace(owner, name, { [name]() { check(this); return apply(original, this, arguments); } }[name]);
      }
    }
  }
  function guardArgument(owner, names) {
    for (const name of names) {
      const original = owner[name];
      if (typeof original === "function") {
        replace(owner, name, { [name]() {
          for (let i = 0; i < arguments.length; i++) {
            check(arguments[i]);
          }
          return apply(original, this, arguments);
        } }[name]);
      }
    }
  }

  // Only builtins that size their result from a length up front; the others grow step by step,
  // which the allocation budget stops.
  guardReceiver(Array.prototype, ["copyWithin", "fill", "flat", "flatMap", "reverse", "splice",
      "toReversed", "toSorted", "toSpliced", "with"]);
  // sort() with a comparator, on an array of up to SMALL_SORT elements (a route's targets, say),
  // runs here as the specification describes it, with an insertion sort: stable, undefined
  // last, holes moved to the end, the array left as it was when the comparator throws. The
  // builtin calls the comparator from Java for each comparison, and its compiled code was seen
  // to deoptimize over and over on such arrays, taking the call back to the interpreter.
  const SMALL_SORT = 32;
  const sort = Array.prototype.sort;
  replace(Array.prototype, "sort", { sort(compare) {
    if (typeof compare === "function" && isArray(this)) {
      const length = this.length;
      if (length <= SMALL_SORT) {
        return sortSmall(this, length, compare);
      }
    }
    check(this);
    return apply(sort, this, arguments);
  } }.sort);
  function sortSmall(array, length, compare) {
    const items = [];
    let undefinedCount = 0;
    for (let k = 0; k < length; k++) {
      if (k in array) {
        const item = array[k];
        if (item === undefined) {
          undefinedCount++;
        } else {
          items.push(item);
        }
      }
    }
    for (let i = 1; i < items.length; i++) {
      const item = items[i];
      let j = i - 1;
      // A result that is not a number greater than 0 (NaN included) keeps the order.
      while (j >= 0 && +compare(items[j], item) > 0) {
        items[j + 1] = items[j];
        j--;
      }
      items[j + 1] = item;
    }
    let at = 0;
    for (; at < items.length; at++) {
      array[at] = items[at];
    }
    for (let k = 0; k < undefinedCount; k++, at++) {
      array[at] = undefined;
    }
    for (; at < length; at++) {
      delete array[at];
    }
    return array;
  }
  guardArgument(Object, ["keys", "values", "entries", "getOwnPropertyNames", "getOwnPropertyDescriptors", "assign"]);
  guardArgument(Reflect, ["ownKeys"]);
  const concat = Array.prototype.concat;
  replace(Array.prototype, "concat", { concat() {
    let total = lengthOf(this);
    for (let i = 0; i < arguments.length; i++) {
      total += isArray(arguments[i]) ? arguments[i].length : 1;
    }
    if (total > maxElements) {
      throw tooLong(total);
    }
    return apply(concat, this, arguments);
  } }.concat);
  const from = Array.from;
  replace(Array, "from", { from(items) {
    if (items !== null && items !== undefined && typeof Object(items)[iterator] !== "function") {
      check(items);
    }
    return apply(from, this, arguments);
  } }.from);
  const split = String.prototype.split;
  replace(String.prototype, "split", { split(separator, limit) {
    const cap = limit === undefined ? maxElements + 1 : Math.min(limit >>> 0, maxElements + 1);
    const parts = apply(split, this, [separator, cap]);
    if (parts.length > maxElements) {
      throw tooLong(parts.length);
    }
    return parts;
  } }.split);

  for (const name of ["Java", "Polyglot", "Graal", "WeakRef", "FinalizationRegistry", "SharedArrayBuffer", "Atomics",
      "eval", "print", "printErr", "load", "loadWithNewGlobal", "quit", "console", "arguments"]) {
    delete globalThis[name];
  }

  const hidden = [
    getPrototypeOf(function* () {}), getPrototypeOf(async function () {}), getPrototypeOf(async function* () {}),
    getPrototypeOf([][iterator]()), getPrototypeOf(new Map()[iterator]()), getPrototypeOf(new Set()[iterator]()),
    getPrototypeOf(""[iterator]()), getPrototypeOf("a".matchAll(/a/g)), getPrototypeOf(Int8Array),
    getPrototypeOf(getPrototypeOf((function* () {})())), getPrototypeOf(getPrototypeOf((async function* () {})())),
    // What the gateway's objects inherit from in JavaScript (one of each kind is passed in), and
    // what an exception thrown by the gateway's code does (the last one passed in throws one):
    // prototypes every call's objects share, so they are frozen like the builtins.
    ...foreign.map((value) => getPrototypeOf(value)),
    hostException(foreign[foreign.length - 1])
  ];
  function hostException(throwing) {
    try {
      throwing();
    } catch (e) {
      return getPrototypeOf(e);
    }
    throw new Error("the sandbox's sample of a host exception did not throw");
  }
  function deepFreeze(roots) {
    const seen = new Set();
    const pending = roots.slice();
    while (pending.length > 0) {
      const value = pending.pop();
      if (value === null || (typeof value !== "object" && typeof value !== "function") || seen.has(value)) {
        continue;
      }
      seen.add(value);
      freeze(value);
      pending.push(getPrototypeOf(value));
      for (const key of ownKeys(value)) {
        const property = describe(value, key);
        if (property !== undefined) {
          pending.push(property.value, property.get, property.set);
        }
      }
    }
  }

  const UNKNOWN = freeze({ state: "healthy", available: true, requests: 0, error_rate: 0, latency_ms: 0,
      first_token_ms: 0, p95_ms: 0 });

  function text(value) {
    if (typeof value === "string") {
      return value;
    }
    try {
      const json = stringify(value);
      return json === undefined ? String(value) : json;
    } catch (e) {
      return String(value);
    }
  }

  // The call in progress. A context runs one call at a time, so one frozen ctx serves every call:
  // its getters read the facts of the call in progress, and log() and health() its state. A call
  // cannot keep anything for the next: ctx is frozen, and the state is set when a call begins and
  // cleared when it ends.
  let facts = null;
  let logs = null;
  let lookup = null;

  // A fact the gateway has no value for (null) reads as undefined.
  function present(value) {
    return value === null ? undefined : value;
  }

  // The strings of an array of one or more strings, each after a NUL, or null when the array holds
  // anything else or a string with a NUL, or has a toJSON of its own: the usual route() result,
  // made cheaper to return than its JSON text (which no NUL can begin).
  function joinedStrings(array) {
    const length = array.length;
    if (length === 0 || array.toJSON !== undefined) {
      return null;
    }
    let joined = "";
    for (let i = 0; i < length; i++) {
      const item = array[i];
      if (typeof item !== "string" || item.indexOf("\0") >= 0) {
        return null;
      }
      joined += "\0" + item;
    }
    return joined;
  }

  // ctx: the gateway's read-only facts (caller, time, targets, ...) plus log() and health().
  const ctx = {
    get caller() {
      return facts.caller;
    },
    get time() {
      return facts.time;
    },
    get spend() {
      return present(facts.spend);
    },
    get operation() {
      return facts.operation;
    },
    get route() {
      return present(facts.route);
    },
    get targets() {
      return present(facts.targets);
    },
    log() {
      if (logs.length < maxLogLines) {
        let line = "";
        for (let i = 0; i < arguments.length; i++) {
          line += (i > 0 ? " " : "") + text(arguments[i]);
        }
        logs.push(line.length > maxLogLength ? line.slice(0, maxLogLength) + "..." : line);
      }
    },
    health(target) {
      const label = typeof target === "string" ? target
          : target !== null && typeof target === "object" ? target.provider + "/" + target.model : String(target);
      // The labels alone, so that no other target (and its health) is made.
      const labels = present(facts.labels);
      if (labels !== undefined) {
        for (let i = 0; i < labels.length; i++) {
          if (labels[i] === label) {
            return facts.targets[i].health;
          }
        }
      }
      const found = lookup(label);
      return found === null || found === undefined ? UNKNOWN : found;
    }
  };

  const driver = freeze({
    // Returns the result's type and the result, a string result as it is and any other as JSON
    // text, in one string: an array of strings as its strings each after a NUL, an array's or
    // object's JSON text as it is (it begins with "[" or "{"; no type name begins with those or a
    // NUL), any other result as "type:result", or just "type" for a value JSON cannot hold. A call
    // that logged returns [type, result, logs] instead.
    call(factory, hook, argument, callFacts, callLookup) {
      facts = callFacts;
      lookup = callLookup;
      logs = [];
      try {
        const policy = factory();
        const result = policy[hook](argument === null ? undefined : argument, ctx);
        const type = result === null ? "null" : isArray(result) ? "array" : typeof result;
        if (type === "array" && logs.length === 0) {
          const strings = joinedStrings(result);
          if (strings !== null) {
            return strings;
          }
        }
        const json = type === "string" || result === undefined || result === null ? result : stringify(result);
        if (logs.length > 0) {
          return [type, json, logs];
        }
        if (json === undefined || json === null) {
          return type;
        }
        const first = json.charCodeAt(0);
        return (type === "array" ? first === 91 : type === "object" && first === 123) ? json : type + ":" + json;
      } finally {
        facts = null;
        lookup = null;
        logs = null;
      }
    },
    hooks(factory) {
      const policy = factory();
      const names = [];
      for (const name of ["route", "onRequest", "onResponse"]) {
        if (policy !== null && typeof policy === "object" && typeof policy[name] === "function") {
          names.push(name);
        }
      }
      return names.join(",");
    }
  });
  deepFreeze([globalThis, driver, ctx].concat(hidden));
  return driver;
})
