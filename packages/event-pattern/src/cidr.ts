import { reject } from './errors';

/**
 * An address range kept the way AWS keeps it: bottom and top as equal-length upper-case hex digit
 * strings, each end open or closed.
 */
export interface IpRange {
  readonly bottom: string;
  readonly top: string;
  readonly openBottom: boolean;
  readonly openTop: boolean;
}

/** An address as AWS reads it: its length in bytes and its value. */
export interface IpAddress {
  readonly bytes: 4 | 16;
  readonly value: bigint;
}

// AWS only hands strings shaped like these to its address parser, so hostnames never trigger a lookup.
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

function parseIpv4(text: string): IpAddress | undefined {
  // Java's literal parser gives up on anything longer than a dotted quad can be, leading zeros included.
  if (text.length > 15) return undefined;
  let value = 0n;
  for (const part of text.split('.')) {
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return { bytes: 4, value };
}

function parseIpv6(text: string): IpAddress | undefined {
  const groups: number[] = [];
  let gap = -1;
  let index = 0;
  if (text.startsWith(':')) {
    if (!text.startsWith('::')) return undefined;
    index = 1;
  }
  let current = 0;
  let sawDigit = false;
  while (index < text.length) {
    const char = text.charAt(index++);
    if (char !== ':') {
      current = current * 16 + Number.parseInt(char, 16);
      if (current > 0xffff) return undefined;
      sawDigit = true;
      continue;
    }
    if (!sawDigit) {
      if (gap !== -1) return undefined;
      gap = groups.length;
      continue;
    }
    if (index === text.length || groups.length === 8) return undefined;
    groups.push(current);
    current = 0;
    sawDigit = false;
  }
  if (sawDigit) {
    if (groups.length === 8) return undefined;
    groups.push(current);
  }
  if (gap !== -1) {
    if (groups.length === 8) return undefined;
    groups.splice(gap, 0, ...new Array<number>(8 - groups.length).fill(0));
  }
  if (groups.length !== 8) return undefined;
  const value = groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
  // Java folds IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) into plain IPv4 ones.
  if (value >> 32n === 0xffffn) return { bytes: 4, value: value & 0xffffffffn };
  return { bytes: 16, value };
}

function looksLikeIp(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

function parseShapedIp(text: string): IpAddress | undefined {
  return IPV4_SHAPE.test(text) ? parseIpv4(text) : parseIpv6(text);
}

/** Reads a string as an IPv4 or IPv6 address literal, or returns undefined if AWS would not. */
export function parseIp(text: string): IpAddress | undefined {
  return looksLikeIp(text) ? parseShapedIp(text) : undefined;
}

/** The upper-case hex form AWS turns an address into before matching it. */
export function ipHex(address: IpAddress): string {
  return address.value
    .toString(16)
    .toUpperCase()
    .padStart(address.bytes * 2, '0');
}

const HEX = '0123456789ABCDEF';

/**
 * A plain string pattern value that is an IP literal matches that one address, whatever its spelling.
 * AWS encodes it as the smallest range around the address that its digit-wise matching can express.
 */
export function singleAddressRange(text: string): IpRange | undefined {
  const address = parseIp(text);
  if (address === undefined) return undefined;
  const digits = ipHex(address);
  const head = digits.slice(0, -1);
  const last = HEX.indexOf(digits.slice(-1));
  if (last === 15) return { bottom: `${head}E`, top: digits, openBottom: true, openTop: false };
  return { bottom: digits, top: `${head}${HEX.charAt(last + 1)}`, openBottom: false, openTop: true };
}

function javaSplitOnSlash(text: string): string[] {
  const parts = text.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function parseJavaInt(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= -(2 ** 31) && value < 2 ** 31 ? value : undefined;
}

/** Parses a `cidr` operand, throwing AWS's message for each way it can be malformed. */
export function parseCidr(text: string): IpRange {
  const parts = javaSplitOnSlash(text);
  const [ip, maskText] = parts;
  if (parts.length !== 2 || ip === undefined || maskText === undefined) {
    return reject("Malformed CIDR, one '/' required");
  }
  const mask = parseJavaInt(maskText);
  if (mask === undefined) return reject('Malformed CIDR, mask bits must be an integer');
  if (mask < 0) return reject('Malformed CIDR, mask bits must not be negative');
  if (!looksLikeIp(ip)) return reject(`Nonstandard IP address: ${ip}`);
  const address = parseShapedIp(ip);
  if (address === undefined) return reject(`Invalid IP address: ${ip}`);
  // AWS rejects the full-length masks (/32 and /128), not just longer ones.
  if (address.bytes === 4 && mask > 31) return reject('IPv4 mask bits must be < 32');
  if (address.bytes === 16 && mask > 127) return reject('IPv6 mask bits must be < 128');
  const hostBits = BigInt(address.bytes * 8 - mask);
  const hostMask = (1n << hostBits) - 1n;
  const width = address.bytes * 2;
  const hex = (value: bigint): string => value.toString(16).toUpperCase().padStart(width, '0');
  return {
    bottom: hex(address.value & ~hostMask),
    top: hex(address.value | hostMask),
    openBottom: false,
    openTop: false,
  };
}

/**
 * Whether AWS's digit-by-digit range walk accepts the input. It stops at the first digit that lands
 * strictly inside the range and never checks the input's length, so an IPv4 range can accept an
 * IPv6 address (or a number's text) that merely starts with suitable digits.
 */
export function rangeAccepts(range: IpRange, input: string): boolean {
  const { bottom, top } = range;
  let onBottom = true;
  let onTop = true;
  for (let k = 0; k < input.length && k < bottom.length; k++) {
    const digit = HEX.indexOf(input.charAt(k));
    const low = HEX.indexOf(bottom.charAt(k));
    const high = HEX.indexOf(top.charAt(k));
    const last = k === bottom.length - 1;
    if (digit < 0) return false;
    if (onBottom && onTop && low === high) {
      if (digit !== low) return false;
      continue;
    }
    if (onBottom && digit > low && (!onTop || digit < high)) return true;
    if (onTop && digit < high && !onBottom) return true;
    if (onBottom && digit === low) {
      if (last) return !range.openBottom;
      onTop = false;
    } else if (onTop && digit === high) {
      if (last) return !range.openTop;
      onBottom = false;
    } else {
      return false;
    }
  }
  return false;
}
