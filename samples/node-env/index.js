'use strict';
// Sample app reading the env vars given at deploy time.

function env(name) {
  return process.env[name] ?? null;
}

function greeting() {
  return `${process.env.GREETING ?? 'hello'}, world`;
}

module.exports = { env, greeting };
