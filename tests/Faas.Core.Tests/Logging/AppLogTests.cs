using Faas.Core.Logging;

namespace Faas.Core.Tests.Logging;

public sealed class AppLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("faas-log-").FullName;

    private string LogPath => Path.Combine(_folder, "app.log");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Write_PastMaxFileSize_RotatesToOneOldFile()
    {
        using var log = new AppLog(LogPath);
        var line = new string('x', 8000);

        for (var i = 0; i < 2 * AppLog.MaxFileBytes / line.Length; i++)
        {
            log.Write("node", line);
        }

        Assert.True(new FileInfo(LogPath).Length <= AppLog.MaxFileBytes + 9000);
        Assert.True(File.Exists(LogPath + ".1"));
        Assert.Equal(2, Directory.GetFiles(_folder).Length);
    }

    [Fact]
    public void Recent_AfterReopen_KeepsTheTailOfTheFile()
    {
        using (var log = new AppLog(LogPath))
        {
            log.Write("faas", "first");
            log.Write("py", "second");
        }

        using var reopened = new AppLog(LogPath);

        Assert.Collection(reopened.Recent(),
            line => Assert.EndsWith("[faas] first", line),
            line => Assert.EndsWith("[py] second", line));
    }

    [Fact]
    public void Write_HugeLine_IsCut()
    {
        using var log = new AppLog(LogPath);

        log.Write("node", new string('y', 100_000));

        Assert.True(log.Recent().Single().Length < 9000);
    }
}
