import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { FetchError } from '../core/errors.js';
import {
  type AddressPolicy,
  assertPublicAddresses,
  isExemptHost,
  type Resolver,
  systemResolver,
} from './address-guard.js';

/**
 * A socket `lookup` that resolves the host itself and refuses (E_FETCH_PRIVATE_ADDRESS) when any address is not
 * public, handing the socket exactly the addresses it checked. The check is thus on the address connected to:
 * a name that answers a public address to the guard and a loopback one to the connection (DNS rebinding) cannot
 * slip through a second resolution.
 */
export function guardedLookup(policy: AddressPolicy, resolver: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    const done = callback as (err: Error | null, address: unknown, family?: number) => void;
    resolver(hostname)
      .then((all) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = wanted ? all.filter((a) => a.family === wanted) : all;
        if (addresses.length === 0) {
          const err = Object.assign(new Error(`host ${hostname} does not resolve`), { code: 'ENOTFOUND' });
          return done(err, options.all ? [] : '');
        }
        if (!isExemptHost(hostname, policy)) {
          assertPublicAddresses(
            `//${hostname}`,
            hostname,
            addresses.map((a) => a.address),
          );
        }
        if (options.all) return done(null, addresses);
        const [first] = addresses;
        return done(null, first?.address, first?.family);
      })
      .catch((err: unknown) => done(err as Error, options.all ? [] : ''));
  };
}

/** An undici Agent whose every connection goes through guardedLookup (close it when done). */
export function createGuardedAgent(policy: AddressPolicy, resolver?: Resolver): Agent {
  return new Agent({ connect: { lookup: guardedLookup(policy, resolver) } });
}

/** The FetchError a guarded connection failed with, if that is why a request failed. */
export function guardErrorOf(err: unknown): FetchError | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof FetchError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
