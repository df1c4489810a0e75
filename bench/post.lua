-- wrk: every request is POST [1,2] as JSON.
wrk.method = "POST"
wrk.body = "[1,2]"
wrk.headers["Content-Type"] = "application/json"
