using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Faas.Worker.CSharp;

/// <summary>The params of <c>load</c>: the app root and its C# scripts (<c>importPaths</c> is not used by this worker).</summary>
internal sealed record LoadRequest(string Root, IReadOnlyList<ScriptFile> Scripts)
{
    public static bool TryParse(JsonElement parameters, [NotNullWhen(true)] out LoadRequest? request, out string problem)
    {
        request = null;
        problem = "load needs params.root (a string) and params.scripts (an array of {name, path})";
        if (parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("root", out var root) || root.ValueKind != JsonValueKind.String
            || !parameters.TryGetProperty("scripts", out var scripts) || scripts.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        var list = new List<ScriptFile>();
        foreach (var script in scripts.EnumerateArray())
        {
            if (script.ValueKind != JsonValueKind.Object
                || !script.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || !script.TryGetProperty("path", out var path) || path.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            list.Add(new ScriptFile(name.GetString()!, path.GetString()!));
        }
        request = new LoadRequest(root.GetString()!, list);
        return true;
    }
}
