'use strict';
// Sample app with an npm dependency, installed from package.json at deploy time.

const isNumberDep = require('is-number');

function isNumber(value) {
  return isNumberDep(value);
}

module.exports = { isNumber };
