// encodeurl ships no types: it percent-encodes what a URL may not hold, leaving existing %XX escapes alone.
declare module 'encodeurl' {
  export default function encodeUrl(url: string): string;
}
