using Faas.Core.Storage;

namespace Faas.Core.Tests.Storage;

/// <summary>The data-folder quota over real files: a kept figure between walks, a fresh walk before any refusal.</summary>
public sealed class DataQuotaTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("faas-quota-").FullName;
    private readonly ManualClock _clock = new();
    private readonly DataLayout _layout;

    public DataQuotaTests()
    {
        _layout = new DataLayout(Path.Combine(_root, "data"));
        _layout.EnsureCreated();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private DataQuota Quota(long maxBytes) => new(_layout, new StorageOptions { MaxDataBytes = maxBytes }, _clock);

    private string Staged(int bytes)
    {
        var folder = _layout.NewStagingFolder();
        Directory.CreateDirectory(Path.Combine(folder, "lib"));
        File.WriteAllBytes(Path.Combine(folder, "lib", "data.bin"), new byte[bytes]);
        return folder;
    }

    private void WriteApp(string name, int bytes)
    {
        var folder = Path.Combine(_layout.AppsDirectory, name, "source");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "data.bin"), new byte[bytes]);
    }

    [Fact]
    public void Reserve_RoomLeft_Accepts()
    {
        WriteApp("old", 4000);

        Quota(10_000).Reserve(Staged(5000), "The upload");
    }

    [Fact]
    public void Reserve_PastQuota_ThrowsTooLargeNamingTheSetting()
    {
        WriteApp("old", 6000);

        var error = Assert.Throws<FaasException>(() => Quota(10_000).Reserve(Staged(5000), "The upload"));

        Assert.Equal(FaasError.TooLarge, error.Error);
        Assert.Contains("The upload (5000 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("6000 bytes of the 10000 allowed (Faas:Storage:MaxDataBytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reserve_StagedFilesAreNotCountedTwice()
    {
        var staged = Staged(6000);

        Quota(10_000).Reserve(staged, "The upload");
    }

    [Fact]
    public void Reserve_AdditionsStillStaged_Count()
    {
        var quota = Quota(10_000);
        quota.Reserve(Staged(4000), "The upload"); // still staged (not yet moved into apps/): counted all the same
        quota.Reserve(Staged(4000), "The upload");

        Assert.Throws<FaasException>(() => quota.Reserve(Staged(4000), "The upload"));
    }

    [Fact]
    public void Reserve_WithinFreshness_TrustsTheKeptFigure_ThenWalksAgain()
    {
        var quota = Quota(10_000);
        quota.Reserve(Staged(1000), "The upload");
        WriteApp("outside", 8000); // written behind the quota's back (e.g. dependencies installed)

        quota.Reserve(Staged(500), "The upload");
        _clock.Advance(DataQuota.Freshness);

        Assert.Throws<FaasException>(() => quota.Reserve(Staged(2500), "The upload"));
    }

    [Fact]
    public void Reserve_SpaceFreedByADelete_CountsAtOnce()
    {
        WriteApp("old", 6000);
        var quota = Quota(10_000);
        quota.Reserve(Staged(1000), "The upload");
        var refused = Staged(5000);
        Assert.Throws<FaasException>(() => quota.Reserve(refused, "The upload"));
        Directory.Delete(refused, recursive: true); // as the uploader does after a refusal

        Directory.Delete(Path.Combine(_layout.AppsDirectory, "old"), recursive: true);

        quota.Reserve(Staged(5000), "The upload");
    }

    [Fact]
    public void Reserve_QuotaOff_NeverRefuses()
    {
        WriteApp("old", 50_000);

        Quota(0).Reserve(Staged(50_000), "The upload");
    }

    [Fact]
    public void SizeOf_StopsWalkingAtTheLimit()
    {
        var folder = Staged(100);
        for (var i = 0; i < 50; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"f{i}.bin"), new byte[100]);
        }

        Assert.Equal(5100, DataQuota.SizeOf(folder, long.MaxValue));
        Assert.InRange(DataQuota.SizeOf(folder, 1000), 1000, 5099);
        Assert.Equal(5000, DataQuota.SizeOf(folder, long.MaxValue, skip: Path.Combine(folder, "lib")));
    }
}
