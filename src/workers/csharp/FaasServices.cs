using System.Collections.Concurrent;
using System.Text.Json;
using Faas.Worker.CSharp;

namespace Faas;

/// <summary>
/// The platform services of the app a function belongs to (docs/services.md): <c>Faas.Log.Info(..)</c>,
/// <c>Faas.Kv.Get(k)</c> / <c>await Faas.Kv.GetAsync(k)</c>, <c>Faas.Env.Get(name)</c>. They are requests
/// from this worker to the server over the protocol pipe; the reader loop hands each reply to its caller.
/// (A static constructor calling them while the app loads would wait for a reply the loop cannot read yet.)
/// </summary>
internal static class ServiceChannel
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> Pending = new(StringComparer.Ordinal);
    private static ReplyWriter? _writer;
    private static long _nextId;

    internal static AsyncLocal<string?> CurrentExecution { get; } = new();

    internal static void Install(ReplyWriter writer) => _writer = writer;

    internal static void OnReply(string id, JsonElement message)
    {
        if (!Pending.TryRemove(id, out var waiter))
        {
            return;
        }
        if (message.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var text = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            waiter.TrySetException(new FaasException(text ?? "The request failed."));
        }
        else
        {
            waiter.TrySetResult(message.TryGetProperty("result", out var result) ? result.Clone() : default);
        }
    }

    internal static Task<JsonElement> RequestAsync(string method, params (string Name, string? Value)[] parameters)
    {
        var writer = _writer ?? throw new InvalidOperationException("The Faas services run only inside the Faas worker.");
        var id = "w" + Interlocked.Increment(ref _nextId);
        var waiter = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        Pending[id] = waiter;
        writer.Message(w =>
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc"u8, "2.0"u8);
            w.WriteString("id"u8, id);
            w.WriteString("method"u8, method);
            w.WriteStartObject("params"u8);
            foreach (var (name, value) in parameters)
            {
                w.WriteString(name, value);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        });
        return waiter.Task;
    }

    internal static void Notify(string level, string message) => _writer?.Message(w =>
    {
        w.WriteStartObject();
        w.WriteString("jsonrpc"u8, "2.0"u8);
        w.WriteString("method"u8, "faas.log"u8);
        w.WriteStartObject("params"u8);
        w.WriteString("execution"u8, CurrentExecution.Value);
        w.WriteString("level"u8, level);
        w.WriteString("message"u8, message);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    internal static async Task<string?> StringAsync(Task<JsonElement> request) =>
        (await request.ConfigureAwait(false)) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    internal static async Task<bool> BoolAsync(Task<JsonElement> request) =>
        (await request.ConfigureAwait(false)).ValueKind == JsonValueKind.True;

}

/// <summary>A platform service refused a request (e.g. a KV value over its size limit).</summary>
public sealed class FaasException(string message) : Exception(message);

/// <summary>The execution of the running call (null outside one).</summary>
public static class Execution
{
    public static string? Id => ServiceChannel.CurrentExecution.Value;
}

/// <summary>Lines attached to the current execution and written to the app's log.</summary>
public static class Log
{
    public static void Info(string message) => ServiceChannel.Notify("info", message);

    public static void Debug(string message) => ServiceChannel.Notify("debug", message);

    public static void Warn(string message) => ServiceChannel.Notify("warn", message);

    public static void Error(string message) => ServiceChannel.Notify("error", message);
}

/// <summary>The app's key-value store (string keys and values).</summary>
public static class Kv
{
    public static Task<string?> GetAsync(string key) => ServiceChannel.StringAsync(ServiceChannel.RequestAsync("faas.kv.get", ("key", key)));

    public static Task<bool> SetAsync(string key, string value) => ServiceChannel.BoolAsync(ServiceChannel.RequestAsync("faas.kv.set", ("key", key), ("value", value)));

    public static Task<bool> DeleteAsync(string key) => ServiceChannel.BoolAsync(ServiceChannel.RequestAsync("faas.kv.delete", ("key", key)));

    public static async Task<IReadOnlyList<string>> ListAsync(string prefix = "")
    {
        var keys = await ServiceChannel.RequestAsync("faas.kv.list", ("prefix", prefix)).ConfigureAwait(false);
        return keys.ValueKind == JsonValueKind.Array ? [.. keys.EnumerateArray().Select(k => k.GetString()!)] : [];
    }

    public static string? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public static bool Set(string key, string value) => SetAsync(key, value).GetAwaiter().GetResult();

    public static bool Delete(string key) => DeleteAsync(key).GetAwaiter().GetResult();

    public static IReadOnlyList<string> List(string prefix = "") => ListAsync(prefix).GetAwaiter().GetResult();
}

/// <summary>The app's environment as it is now (changed by the API or by functions since the worker started).</summary>
public static class Env
{
    public static Task<string?> GetAsync(string name) => ServiceChannel.StringAsync(ServiceChannel.RequestAsync("faas.env.get", ("name", name)));

    public static Task<bool> SetAsync(string name, string value) => ServiceChannel.BoolAsync(ServiceChannel.RequestAsync("faas.env.set", ("name", name), ("value", value)));

    public static Task<bool> DeleteAsync(string name) => ServiceChannel.BoolAsync(ServiceChannel.RequestAsync("faas.env.delete", ("name", name)));

    public static string? Get(string name) => GetAsync(name).GetAwaiter().GetResult();

    public static bool Set(string name, string value) => SetAsync(name, value).GetAwaiter().GetResult();

    public static bool Delete(string name) => DeleteAsync(name).GetAwaiter().GetResult();
}
