using System.Reflection;

namespace Faas.Worker.CSharp;

/// <summary>The assembly compiled from an app's <c>.cs</c> scripts, and which script declares each of its top-level types.</summary>
internal sealed class CompiledScripts(Assembly assembly, IReadOnlyDictionary<string, string> scriptOfType)
{
    public Assembly Assembly => assembly;

    /// <summary>The public types declared in <paramref name="script"/> (a partial class counts for the first file declaring it).</summary>
    public IEnumerable<Type> TypesOf(ScriptFile script) =>
        assembly.GetExportedTypes().Where(t => t.FullName is { } name && scriptOfType.GetValueOrDefault(name) == script.Name);
}
