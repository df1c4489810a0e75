using System.Text.Json;
using System.Text.RegularExpressions;
using Faas.Core.Manifests;

namespace Faas.Core.Deployments;

/// <summary>
/// The upload's <c>jsons</c> and <c>runners</c> form fields. Each <c>jsons</c> entry is written into
/// the app as <c>metacall-&lt;language_id&gt;.json</c> (a second one of a language as <c>-2</c>, ...).
/// </summary>
public static partial class UploadedManifests
{
    public static IReadOnlyList<MetacallJson> ParseJsons(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return [];
        }
        List<MetacallJson>? manifests;
        try
        {
            manifests = JsonSerializer.Deserialize(raw, ManifestJsonContext.Default.ListMetacallJson);
        }
        catch (JsonException e)
        {
            throw new FaasException(FaasError.BadRequest, $"The 'jsons' field is not a JSON array of metacall.json objects: {e.Message}");
        }
        foreach (var manifest in manifests ?? [])
        {
            if (manifest is null || manifest.LanguageId is null || !LanguageId().IsMatch(manifest.LanguageId))
            {
                throw new FaasException(FaasError.BadRequest, "Every entry of the 'jsons' field needs a language_id of lower-case letters and digits.");
            }
        }
        return manifests ?? [];
    }

    public static IReadOnlyList<string> ParseRunners(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize(raw, ManifestJsonContext.Default.ListString) ?? [];
        }
        catch (JsonException e)
        {
            throw new FaasException(FaasError.BadRequest, $"The 'runners' field is not a JSON array of strings: {e.Message}");
        }
    }

    public static void Write(IReadOnlyList<MetacallJson> manifests, string appDirectory)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var manifest in manifests)
        {
            var language = manifest.LanguageId!;
            var count = counts[language] = counts.GetValueOrDefault(language) + 1;
            var fileName = count == 1 ? $"metacall-{language}.json" : $"metacall-{language}-{count}.json";
            File.WriteAllText(Path.Combine(appDirectory, fileName), JsonSerializer.Serialize(manifest, ManifestJsonContext.Default.MetacallJson));
        }
    }

    [GeneratedRegex("^[a-z0-9_]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageId();
}
