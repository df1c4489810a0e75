using System.Text;
using System.Text.Json;

namespace Faas.Worker.CSharp;

/// <summary>
/// Reads requests line by line and answers them. <c>load</c> and <c>ping</c> are answered right
/// here; each <c>call</c> runs on the thread pool, so the next request is read while earlier calls
/// still run and replies go out in completion order. At end of input the calls in flight finish first.
/// </summary>
internal sealed class RequestLoop(Stream input, ReplyWriter replies)
{
    // One count for the reader itself plus one per call in flight; reaches zero once all are done.
    private readonly CountdownEvent _running = new(1);
    private FunctionTable? _functions;

    public void Run()
    {
        using (var reader = new StreamReader(input, new UTF8Encoding(false), false, 1 << 16))
        {
            while (reader.ReadLine() is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    Dispatch(line);
                }
            }
        }
        _running.Signal();
        // The server closed our input: finish the calls in flight, unless it died and cannot hear the replies.
        while (!_running.Wait(TimeSpan.FromMilliseconds(500)))
        {
            if (ParentProcess.IsGone)
            {
                Console.Error.WriteLine($"faas worker: the server is gone; leaving {_running.CurrentCount} call(s) unfinished.");
                return;
            }
        }
    }

    private void Dispatch(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            replies.Error("null", RpcCodes.ParseError, $"Parse error: {e.Message}");
            return;
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            replies.Error("null", RpcCodes.InvalidRequest, "Invalid Request: not an object");
            return;
        }
        // The id is echoed as its raw JSON text (a number or a string); no id means a notification.
        var id = root.TryGetProperty("id", out var idElement) ? idElement.GetRawText() : null;
        var method = root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (method is null && idElement.ValueKind == JsonValueKind.String)
        {
            // The server's answer to one of our own requests (Faas.Kv, Faas.Env).
            global::Faas.ServiceChannel.OnReply(idElement.GetString()!, root);
            document.Dispose();
            return;
        }
        root.TryGetProperty("params", out var parameters);
        try
        {
            switch (method)
            {
                case "call":
                    StartCall(id, parameters, document);
                    return; // the call owns the document now
                case "ping":
                    replies.Result(id, "\"pong\""u8.ToArray());
                    break;
                case "load":
                    Load(id, parameters);
                    break;
                default:
                    replies.Error(id, RpcCodes.MethodNotFound, $"Method '{method}' not found");
                    break;
            }
        }
        catch (Exception e)
        {
            // A bug of ours must not stop the worker reading requests.
            Console.Error.WriteLine($"faas worker: {method} failed: {e}");
            replies.Error(id, RpcCodes.InternalError, $"Internal error: {e.Message}", e.GetType().Name);
        }
        document.Dispose();
    }

    private void Load(string? id, JsonElement parameters)
    {
        if (_functions is not null)
        {
            replies.Error(id, RpcCodes.InvalidRequest, "The app is already loaded.");
            return;
        }
        if (!LoadRequest.TryParse(parameters, out var request, out var problem))
        {
            replies.Error(id, RpcCodes.InvalidParams, problem);
            return;
        }
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var functions = ScriptLoader.Load(request);
            _functions = functions;
            Console.Error.WriteLine($"faas worker: loaded {request.Scripts.Count} script(s) in {clock.ElapsedMilliseconds} ms");
            replies.Result(id, functions.WriteHandles);
        }
        catch (LoadException e)
        {
            Console.Error.WriteLine($"faas worker: {e.Message}");
            replies.Error(id, RpcCodes.FunctionThrew, e.Message, e.TypeName);
        }
    }

    private void StartCall(string? id, JsonElement parameters, JsonDocument document)
    {
        if (parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            document.Dispose();
            replies.Error(id, RpcCodes.InvalidParams, "call needs params.name (a string)");
            return;
        }
        var name = nameElement.GetString()!;
        if (_functions?.Find(name) is not { } function)
        {
            document.Dispose();
            replies.Error(id, RpcCodes.MethodNotFound, $"Function '{name}' not found");
            return;
        }
        parameters.TryGetProperty("args", out var args);
        parameters.TryGetProperty("kwargs", out var kwargs);
        var execution = parameters.TryGetProperty("execution", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        _running.AddCount();
        _ = Task.Run(async () =>
        {
            try
            {
                global::Faas.ServiceChannel.CurrentExecution.Value = execution;
                await FunctionCall.RunAsync(id, function, args, kwargs, replies).ConfigureAwait(false);
            }
            finally
            {
                document.Dispose();
                _running.Signal();
            }
        });
    }
}
