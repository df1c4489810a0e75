// An HTTP server as a function, in Go with the standard library only.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"message": "Hello from a Go server",
			"path":    r.URL.Path,
			"query":   r.URL.Query().Get("name"),
		})
	})
	log.Printf("Go server listening on %s", port)
	log.Fatal(http.ListenAndServe("127.0.0.1:"+port, nil))
}
