using Microsoft.CodeAnalysis;

namespace Faas.Worker.CSharp;

/// <summary>
/// What scripts compile against: the trusted platform assemblies of this process, i.e. the .NET
/// runtime it runs on (and Roslyn). The worker's own assembly is left out: its types are not the app's.
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
        return [.. paths.Where(p => !string.Equals(p, self, StringComparison.Ordinal)).Select(p => MetadataReference.CreateFromFile(p))];
    }
}
