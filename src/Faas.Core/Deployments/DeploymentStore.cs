using System.Text.Json;
using Faas.Core.Apps;
using Faas.Core.Storage;

namespace Faas.Core.Deployments;

/// <summary>Reads and writes deployment records; every write is a whole-file replace, so a crash never leaves half a record.</summary>
public sealed class DeploymentStore(DataLayout layout)
{
    public DeploymentRecord? Load(AppName name)
    {
        var path = layout.RecordFile(name);
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

    public void Save(DeploymentRecord record)
    {
        var path = layout.RecordFile(AppName.Parse(record.Name));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, DeploymentJsonContext.Default.DeploymentRecord));
        File.Move(temporary, path, overwrite: true);
    }
}
