using System;
using System.Collections.Generic;
using System.Text.Json;

/// <summary>The HTTP-handler contract sample (C#): the same routes as the node, ts, py and rb samples.</summary>
public static class Handler
{
    public static Dictionary<string, object?> handler(JsonElement ctx, JsonElement evt)
    {
        var route = evt.GetProperty("relativePath").GetString();
        var query = evt.GetProperty("query");
        switch (route)
        {
            case "/json":
                return new()
                {
                    ["statusCode"] = 201,
                    ["headers"] = new Dictionary<string, string> { ["X-Custom"] = "yes" },
                    ["body"] = new Dictionary<string, object?>
                    {
                        ["method"] = evt.GetProperty("method").GetString(),
                        ["path"] = evt.GetProperty("path").GetString(),
                        ["relativePath"] = route,
                        ["name"] = query.TryGetProperty("name", out var name) ? name.GetString() : null,
                        ["tags"] = evt.GetProperty("multiQuery").TryGetProperty("tag", out var tags) ? tags : JsonDocument.Parse("[]").RootElement,
                        ["header"] = evt.GetProperty("headers").TryGetProperty("x-test", out var header) ? header.GetString() : null,
                        ["executionId"] = ctx.GetProperty("executionId").GetString(),
                        ["functionId"] = ctx.GetProperty("functionId").GetString(),
                        ["functionName"] = ctx.GetProperty("functionName").GetString(),
                        ["version"] = ctx.GetProperty("version").GetString(),
                        ["trigger"] = ctx.GetProperty("trigger").GetString(),
                        ["startedAt"] = ctx.GetProperty("startedAt").GetInt64(),
                        ["baseUrl"] = ctx.GetProperty("baseUrl").GetString(),
                    },
                };
            case "/text":
                return new() { ["body"] = "hello " + (query.TryGetProperty("name", out var who) ? who.GetString() : "world") };
            case "/html":
                return new() { ["headers"] = new Dictionary<string, string> { ["Content-Type"] = "text/html" }, ["body"] = "<b>hi</b>" };
            case "/binary":
                return new() { ["isBase64Encoded"] = true, ["body"] = "AAEC/w==" };
            case "/echo":
                return new()
                {
                    ["body"] = new Dictionary<string, object?>
                    {
                        ["method"] = evt.GetProperty("method").GetString(),
                        ["body"] = evt.GetProperty("body").GetString(),
                        ["isBase64Encoded"] = evt.GetProperty("isBase64Encoded").GetBoolean(),
                    },
                };
            case "/status":
                return new() { ["statusCode"] = 418, ["body"] = "teapot" };
            case "/throw":
                throw new InvalidOperationException("handler exploded");
            case "/log":
                Faas.Log.Info("handler logged");
                Console.WriteLine("handler printed");
                return new() { ["body"] = "logged" };
            case "/bad":
                return null!;
            default:
                return new() { ["statusCode"] = 404, ["body"] = new Dictionary<string, string> { ["error"] = "no route " + route } };
        }
    }
}
