using System.Reflection;
using System.Text.Json;

namespace Faas.Worker.CSharp;

/// <summary>One callable function: a public static method, its parameters and how to await its result.</summary>
internal sealed class ExportedFunction
{
    private readonly Func<object?, Task<object?>>? _await;

    public ExportedFunction(MethodInfo method)
    {
        Method = method;
        Parameters = method.GetParameters();
        _await = TaskResults.AwaiterFor(method.ReturnType);
    }

    public string Name => Method.Name;

    public MethodInfo Method { get; }

    public ParameterInfo[] Parameters { get; }

    public bool IsAsync => _await is not null;

    /// <summary>Invokes the method; a returned task is awaited. Exceptions are the method's own, unwrapped.</summary>
    public async Task<object?> InvokeAsync(object?[] arguments)
    {
        var value = Method.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        return _await is null ? value : await _await(value).ConfigureAwait(false);
    }

    /// <summary>Writes this function as the <c>load</c> reply lists it: name, async flag and typed signature.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, Name);
        writer.WriteBoolean("async"u8, IsAsync);
        writer.WriteStartObject("signature"u8);
        writer.WriteStartObject("ret"u8);
        WriteType(writer, Method.ReturnType);
        writer.WriteEndObject();
        writer.WriteStartArray("args"u8);
        foreach (var parameter in Parameters)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, parameter.Name ?? $"arg{parameter.Position}");
            WriteType(writer, parameter.ParameterType);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter writer, Type type)
    {
        var (name, id) = TypeMapper.Map(type);
        writer.WriteStartObject("type"u8);
        writer.WriteString("name"u8, name);
        writer.WriteNumber("id"u8, id);
        writer.WriteEndObject();
    }
}
