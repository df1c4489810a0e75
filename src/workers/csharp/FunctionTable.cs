using System.Text.Json;

namespace Faas.Worker.CSharp;

/// <summary>
/// The loaded app: one handle per script with the functions it exports, and every function by
/// name for calls. When two scripts export the same name, calls go to the first; of a method's
/// overloads only the first declared is exported (a call names a function, not a signature).
/// </summary>
internal sealed class FunctionTable
{
    private readonly Dictionary<string, ExportedFunction> _byName = new(StringComparer.Ordinal);
    private readonly List<(string Name, List<ExportedFunction> Functions)> _handles = [];

    public ExportedFunction? Find(string name) => _byName.GetValueOrDefault(name);

    public void AddHandle(string scriptName, IEnumerable<Type> types)
    {
        var functions = new List<ExportedFunction>();
        foreach (var method in ExportFilter.Methods(types))
        {
            if (functions.Find(f => f.Name == method.Name) is { } taken)
            {
                Console.Error.WriteLine($"faas worker: {scriptName}: {Describe(method)} is not exported, {Describe(taken.Method)} has its name.");
                continue;
            }
            var function = new ExportedFunction(method);
            functions.Add(function);
            if (!_byName.TryAdd(function.Name, function))
            {
                Console.Error.WriteLine($"faas worker: {scriptName}: calls to '{method.Name}' go to {Describe(_byName[method.Name].Method)}, loaded first.");
            }
        }
        _handles.Add((scriptName, functions));
    }

    private static string Describe(System.Reflection.MethodInfo method) =>
        $"{method.DeclaringType?.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => TypeMapper.CSharpName(p.ParameterType)))})";

    /// <summary>Writes the <c>load</c> result: <c>{"handles":[{"name":..., "funcs":[...]}]}</c>.</summary>
    public void WriteHandles(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("handles"u8);
        foreach (var (name, functions) in _handles)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, name);
            writer.WriteStartArray("funcs"u8);
            foreach (var function in functions)
            {
                function.Write(writer);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
