'use strict';
// `require('faas')` (and `require('@faas/runtime')`) in a function resolve here: the platform services
// (log, kv, env) of the app the function belongs to. See docs/services.md.
module.exports = require('./services').api;
