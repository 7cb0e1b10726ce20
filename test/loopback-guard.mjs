// Loaded with --import into every test process and every CLI child a test
// starts (scripts/test.mjs, test/helpers.ts): nothing a test runs can reach
// an address off this machine. Tests of the network policy name metadata and
// private addresses on purpose; if the policy ever regressed, this still
// keeps them from being connected to.
// - A TCP connection to an IP literal off loopback fails before any packet.
// - A host name is connected only if every address it resolves to is loopback.
// - Names other than localhost are never sent to a DNS server: they fail as
//   unknown hosts, so no query leaves the machine either.
import dns from 'node:dns';
import net from 'node:net';

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
function isLoopback(address) {
  const a = String(address).toLowerCase().replace(/^::ffff:/, '');
  return net.isIPv4(a) ? a.startsWith('127.') : a === '::1';
}

function offMachine(address) {
  return Object.assign(new Error(`loopback guard: a test tried to connect to ${address}, off this machine`), { code: 'EOFFMACHINE' });
}

function unknownName(hostname) {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (loopback guard: tests resolve only localhost)`), {
    code: 'ENOTFOUND',
    hostname,
  });
}

const isLocalName = (h) => net.isIP(h) !== 0 || h === 'localhost' || h.endsWith('.localhost');

const lookupCallback = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, callback) {
  if (isLocalName(String(hostname))) return lookupCallback.apply(this, arguments);
  const cb = typeof options === 'function' ? options : callback;
  process.nextTick(() => cb(unknownName(hostname)));
  return {};
};
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = async function guardedLookupPromise(hostname, options) {
  if (!isLocalName(String(hostname))) throw unknownName(hostname);
  return lookupPromise.call(this, hostname, options);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  // connect() gets (options, cb), (port, host, cb), or one normalized [options, cb] array.
  let opts = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof opts !== 'object' || opts === null) {
    opts = { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
    args = [opts, ...args.filter((a) => typeof a === 'function')];
  }
  if (opts.path != null) return connect.apply(this, args); // a Unix socket is on this machine
  const host = opts.host ?? 'localhost';
  if (net.isIP(host) && !isLoopback(host)) {
    // Fail as a refused connection does, asynchronously: callers see an 'error' event, not a throw.
    process.nextTick(() => this.destroy(offMachine(host)));
    return this;
  }
  // Wrap the resolver: with autoSelectFamily Node connects straight from its callback.
  const lookup = opts.lookup ?? dns.lookup;
  opts.lookup = (hostname, options, cb) =>
    lookup(hostname, options, (err, address, family) => {
      if (err) return cb(err);
      const off = (Array.isArray(address) ? address.map((a) => a.address) : [address]).find((a) => !isLoopback(a));
      return off === undefined ? cb(null, address, family) : cb(offMachine(off));
    });
  return connect.apply(this, args);
};
