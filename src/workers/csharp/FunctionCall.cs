using System.Reflection;
using System.Text.Json;

namespace Faas.Worker.CSharp;

/// <summary>Runs one <c>call</c>: binds the arguments, invokes (awaiting tasks) and replies.</summary>
internal static class FunctionCall
{
    public static async Task RunAsync(string? id, ExportedFunction function, JsonElement args, JsonElement kwargs, ReplyWriter replies)
    {
        object?[] arguments;
        try
        {
            arguments = ArgumentBinder.Bind(function.Parameters, args, kwargs);
        }
        catch (BadArgumentsException e)
        {
            replies.Error(id, RpcCodes.InvalidParams, $"{function.Name}: {e.Message}", "ArgumentException");
            return;
        }
        object? result;
        try
        {
            result = await function.InvokeAsync(arguments).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var cause = Unwrap(e);
            var trace = UserTrace(cause);
            Console.Error.WriteLine($"faas worker: {function.Name} threw {trace}");
            replies.Error(id, RpcCodes.FunctionThrew, MessageOf(cause), cause.GetType().Name, trace);
            return;
        }
        byte[] json;
        try
        {
            json = JsonValues.Serialize(result);
        }
        catch (Exception e)
        {
            // Any exception: a property getter of the result may throw anything.
            var cause = Unwrap(e);
            replies.Error(id, RpcCodes.NotSerializable,
                $"The result of '{function.Name}' is not JSON-serialisable: {MessageOf(cause)}", cause.GetType().Name);
            return;
        }
        replies.Result(id, json);
    }

    /// <summary>The exception the user's code threw, not reflection's or the type loader's wrapper around it.</summary>
    private static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException or TypeInitializationException && e.InnerException is { } inner)
        {
            e = inner;
        }
        return e;
    }

    /// <summary>The exception as text without the frames of reflection and of this worker, which only add noise to the app's log.</summary>
    private static string UserTrace(Exception e) =>
        string.Join('\n', e.ToString().Split('\n').Where(line => !(line.Contains(" at System.Reflection.", StringComparison.Ordinal)
            || line.Contains(" at Faas.Worker.CSharp.", StringComparison.Ordinal))));

    private static string MessageOf(Exception e) => string.IsNullOrEmpty(e.Message) ? e.GetType().Name : e.Message;
}
