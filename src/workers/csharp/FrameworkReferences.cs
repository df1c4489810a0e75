using Microsoft.CodeAnalysis;

namespace Faas.Worker.CSharp;

/// <summary>
/// What scripts compile against: the trusted platform assemblies of this process, i.e. the .NET
/// runtime it runs on (and Roslyn), and the worker's own assembly, whose only public types are the
/// `Faas` services namespace (Faas.Log, Faas.Kv, Faas.Env) (everything else in it is internal).
/// </summary>
internal static class FrameworkReferences
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Lazy = new(Load);

    public static IReadOnlyList<MetadataReference> All => Lazy.Value;

    private static IReadOnlyList<MetadataReference> Load()
    {
        var self = typeof(FrameworkReferences).Assembly.Location;
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return [.. paths.Where(p => !string.Equals(p, self, StringComparison.Ordinal)).Append(self).Select(p => MetadataReference.CreateFromFile(p))];
    }
}
