# The HTTP-handler contract sample (Python): the same routes as the node, ts, rb and cs samples.
import faas


def handler(ctx, event):
    route = event["relativePath"]
    if route == "/json":
        return {
            "statusCode": 201,
            "headers": {"X-Custom": "yes"},
            "body": {
                "method": event["method"], "path": event["path"], "relativePath": route,
                "name": event["query"].get("name"), "tags": event["multiQuery"].get("tag", []),
                "header": event["headers"].get("x-test"),
                "executionId": ctx["executionId"], "functionId": ctx["functionId"], "functionName": ctx["functionName"],
                "version": ctx["version"], "trigger": ctx["trigger"], "startedAt": ctx["startedAt"], "baseUrl": ctx["baseUrl"],
            },
        }
    if route == "/text":
        return {"body": "hello " + event["query"].get("name", "world")}
    if route == "/html":
        return {"headers": {"Content-Type": "text/html"}, "body": "<b>hi</b>"}
    if route == "/binary":
        return {"isBase64Encoded": True, "body": "AAEC/w=="}
    if route == "/echo":
        return {"body": {"method": event["method"], "body": event["body"], "isBase64Encoded": event["isBase64Encoded"]}}
    if route == "/status":
        return {"statusCode": 418, "body": "teapot"}
    if route == "/throw":
        raise RuntimeError("handler exploded")
    if route == "/log":
        faas.log.info("handler logged")
        print("handler printed")
        return {"body": "logged"}
    if route == "/bad":
        return 42
    return {"statusCode": 404, "body": {"error": "no route " + route}}
