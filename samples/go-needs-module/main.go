// Needs a module that would have to be downloaded: its deploy fails with a clear message.
package main

import "github.com/example/nowhere"

func main() { nowhere.Serve() }
