using Faas.Core.Workers;

namespace Faas.Core.Manifests;

/// <summary>Every script an app asks to load, grouped by language, in the order found.</summary>
public sealed record AppManifest(IReadOnlyDictionary<string, IReadOnlyList<ScriptRef>> ScriptsByLanguage)
{
    public IEnumerable<string> Languages => ScriptsByLanguage.Keys;
}
