using System.Reflection;
using System.Text.Json;

namespace Faas.Worker.CSharp;

/// <summary>
/// Turns a call's <c>args</c> (positional) and <c>kwargs</c> (by parameter name) into the values
/// to invoke with: each converted to its parameter's type with System.Text.Json; a parameter left
/// out takes its default value, or an empty array for <c>params</c>.
/// </summary>
internal static class ArgumentBinder
{
    public static object?[] Bind(ParameterInfo[] parameters, JsonElement args, JsonElement kwargs)
    {
        var values = new object?[parameters.Length];
        var bound = new bool[parameters.Length];
        if (args.ValueKind == JsonValueKind.Array)
        {
            var count = args.GetArrayLength();
            if (count > parameters.Length)
            {
                throw new BadArgumentsException($"takes {parameters.Length} argument(s) but {count} were given");
            }
            var index = 0;
            foreach (var item in args.EnumerateArray())
            {
                values[index] = Convert(item, parameters[index]);
                bound[index++] = true;
            }
        }
        else if (args.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            throw new BadArgumentsException("args must be an array");
        }
        if (kwargs.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in kwargs.EnumerateObject())
            {
                var index = Array.FindIndex(parameters, p => p.Name == property.Name);
                if (index < 0)
                {
                    throw new BadArgumentsException($"has no parameter named '{property.Name}'");
                }
                if (bound[index])
                {
                    throw new BadArgumentsException($"got more than one value for '{property.Name}'");
                }
                values[index] = Convert(property.Value, parameters[index]);
                bound[index] = true;
            }
        }
        else if (kwargs.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            throw new BadArgumentsException("kwargs must be an object");
        }
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!bound[i])
            {
                values[i] = Missing(parameters[i]);
            }
        }
        return values;
    }

    private static object? Missing(ParameterInfo parameter)
    {
        if (parameter.IsOptional)
        {
            return Type.Missing; // reflection substitutes the declared default
        }
        if (parameter.ParameterType.IsArray && parameter.IsDefined(typeof(ParamArrayAttribute)))
        {
            return Array.CreateInstance(parameter.ParameterType.GetElementType()!, 0);
        }
        throw new BadArgumentsException($"missing the argument '{parameter.Name}'");
    }

    private static object? Convert(JsonElement value, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        try
        {
            return type == typeof(object) ? JsonValues.ToPlain(value) : value.Deserialize(type, JsonValues.ReadOptions);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            throw new BadArgumentsException($"the argument '{parameter.Name}' ({value.ValueKind.ToString().ToLowerInvariant()}) cannot be converted to {TypeMapper.CSharpName(type)}: {e.Message}");
        }
    }
}
