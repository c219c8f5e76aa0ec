'use strict';
// CommonJS stand-in for the ESM-only `strip-bom` package, which @microsoft/app-manifest requires.
// Jest's module system cannot require ESM, so jest.config.js maps `strip-bom` here. Same behaviour:
// removes a leading UTF-8 byte order mark.
function stripBom(string) {
  if (typeof string !== 'string') {
    throw new TypeError(`Expected a string, got ${typeof string}`);
  }
  return string.charCodeAt(0) === 0xfeff ? string.slice(1) : string;
}
module.exports = stripBom;
module.exports.default = stripBom;
