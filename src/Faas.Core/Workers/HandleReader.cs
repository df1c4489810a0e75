using System.Text.Json;

namespace Faas.Core.Workers;

/// <summary>Reads a worker's <c>load</c> result: <c>{"handles":[{"name":..., "funcs":[...]}]}</c>.</summary>
internal static class HandleReader
{
    /// <summary>A handle with no functions (a static file, or a script exporting none).</summary>
    public static JsonElement EmptyFuncs { get; } = JsonDocument.Parse("[]").RootElement.Clone();

    public static IReadOnlyList<LoadedHandle> Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var handles = new List<LoadedHandle>();
        if (!document.RootElement.TryGetProperty("handles", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new FaasException(FaasError.WorkerFailed, "The worker's load reply has no handles.");
        }
        foreach (var handle in list.EnumerateArray())
        {
            var name = handle.GetProperty("name").GetString() ?? "";
            var funcs = handle.TryGetProperty("funcs", out var f) && f.ValueKind == JsonValueKind.Array ? f.Clone() : EmptyFuncs;
            handles.Add(new LoadedHandle(name, [.. funcs.EnumerateArray().Select(ReadFunction)], funcs));
        }
        return handles;
    }

    /// <summary>Whether the load result says <c>"ordered": true</c> (the worker runs calls one at a time, in order).</summary>
    public static bool IsOrdered(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.TryGetProperty("ordered", out var ordered) && ordered.ValueKind == JsonValueKind.True;
    }

    private static FunctionInfo ReadFunction(JsonElement func)
    {
        var parameters = new List<string>();
        if (func.TryGetProperty("signature", out var signature) && signature.TryGetProperty("args", out var args))
        {
            foreach (var arg in args.EnumerateArray())
            {
                parameters.Add(arg.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "");
            }
        }
        var isAsync = func.TryGetProperty("async", out var a) && a.ValueKind == JsonValueKind.True;
        return new FunctionInfo(func.GetProperty("name").GetString() ?? "", isAsync, parameters);
    }
}
