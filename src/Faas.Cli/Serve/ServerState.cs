using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Cli.Serve;

/// <summary>
/// The server <c>faas up</c> (or <c>faas serve --detach</c>) started in the background, kept in
/// <c>$FAAS_HOME/server.json</c> so <c>faas down</c> with no names stops that one and no other.
/// </summary>
internal sealed record ServerState(
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("startedAt")] DateTime StartedAt,
    [property: JsonPropertyName("log")] string Log)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string FileIn(string stateDirectory) => Path.Combine(stateDirectory, "server.json");

    public static ServerState? Read(string stateDirectory)
    {
        try
        {
            return JsonSerializer.Deserialize<ServerState>(File.ReadAllText(FileIn(stateDirectory)), Options);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        File.WriteAllText(FileIn(stateDirectory), JsonSerializer.Serialize(this, Options));
    }

    public static void Delete(string stateDirectory) => File.Delete(FileIn(stateDirectory));

    /// <summary>The recorded process, if it still runs and is the one recorded (same start time: not a reused pid).</summary>
    public Process? FindProcess()
    {
        try
        {
            var process = Process.GetProcessById(Pid);
            if (!process.HasExited && Math.Abs((process.StartTime.ToUniversalTime() - StartedAt).TotalSeconds) < 2)
            {
                return process;
            }
            process.Dispose();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone.
        }
        return null;
    }
}
