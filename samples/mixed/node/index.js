'use strict';

function nodeHello(name) {
  return `Hello ${name} from Node.js`;
}

function add(a, b) {
  return a + b;
}

module.exports = { nodeHello, add };
