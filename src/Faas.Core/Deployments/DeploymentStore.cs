using System.Text.Json;
using Faas.Core.Apps;
using Faas.Core.Storage;

namespace Faas.Core.Deployments;

/// <summary>Reads and writes app records; every write is a whole-file replace, so a crash never leaves half a record.</summary>
public sealed class DeploymentStore(DataLayout layout)
{
    public DeploymentRecord? Load(AppName name) => Read(layout.RecordFile(name));

    /// <summary>The record an older server kept (<c>state/&lt;name&gt;/deployment.json</c>): same fields, no versions.</summary>
    public DeploymentRecord? LoadLegacy(AppName name) => Read(Path.Combine(layout.AppStateDirectory(name), "deployment.json"));

    public void Save(DeploymentRecord record)
    {
        var path = layout.RecordFile(AppName.Parse(record.Name));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, DeploymentJsonContext.Default.DeploymentRecord));
        File.Move(temporary, path, overwrite: true);
    }

    private static DeploymentRecord? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), DeploymentJsonContext.Default.DeploymentRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
