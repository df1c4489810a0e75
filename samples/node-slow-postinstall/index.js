// An app whose install never finishes on its own (package.json runs `sleep 3099` after install):
// the tests use it to check that installs do not outlive the server.
module.exports = { ping: () => 'pong' };
