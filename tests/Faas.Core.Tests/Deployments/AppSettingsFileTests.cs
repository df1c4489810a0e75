using Faas.Core.Deployments;
using Faas.Core.Pools;

namespace Faas.Core.Tests.Deployments;

public sealed class AppSettingsFileTests : IDisposable
{
    private readonly string _app = Directory.CreateTempSubdirectory("faas-settings-").FullName;

    public void Dispose() => Directory.Delete(_app, recursive: true);

    private PoolOptions Apply(string? json)
    {
        if (json is not null)
        {
            File.WriteAllText(Path.Combine(_app, AppSettingsFile.FileName), json);
        }
        return AppSettingsFile.Apply(new PoolOptions { MaxWorkers = 2 }, _app);
    }

    [Fact]
    public void Apply_NoFile_KeepsServerDefaults() => Assert.Equal(new PoolOptions { MaxWorkers = 2 }.MaxWorkers, Apply(null).MaxWorkers);

    [Fact]
    public void Apply_Overrides_ReplaceOnlyWhatIsGiven()
    {
        var options = Apply("""{"maxWorkers":4,"callTimeoutSeconds":2.5,"memoryLimitMb":128}""");

        Assert.Equal(4, options.MaxWorkers);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.CallTimeout);
        Assert.Equal(128, options.MemoryLimitMb);
        Assert.Equal(1, options.MinWorkers);
    }

    [Fact]
    public void Apply_HistoryRetention_ReadOrLeftToTheServer()
    {
        var defaults = Apply(null);
        var options = Apply("""{"historyMaxAgeDays":0.5,"historyMaxCount":20}""");

        Assert.Equal((null, null), (defaults.HistoryMaxAge, defaults.HistoryMaxCount));
        Assert.Equal((TimeSpan.FromHours(12), 20), (options.HistoryMaxAge, options.HistoryMaxCount));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"minWorkers":3,"maxWorkers":2}""")]
    [InlineData("""{"callTimeoutSeconds":0}""")]
    [InlineData("""{"memoryLimitMb":-1}""")]
    [InlineData("""{"historyMaxAgeDays":0}""")]
    [InlineData("""{"historyMaxAgeDays":1e9}""")]
    [InlineData("""{"historyMaxCount":0}""")]
    public void Apply_InvalidFile_ThrowsBadRequest(string json) =>
        Assert.Equal(FaasError.BadRequest, Assert.Throws<FaasException>(() => Apply(json)).Error);
}
