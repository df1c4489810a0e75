using System.Net;
using Faas.Core.Tests.Fuzz;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary>
/// Seeded archives (whole, hostile, damaged) through <c>POST /api/package/create</c>: each answers
/// 201 with exactly its files in the app's source folder, or 400/413 with a text body, never 500 and
/// never an empty body; after a refusal nothing is left in staging and no app folder exists.
/// </summary>
public sealed class PackageUploadFuzzTests(PackageUploadFuzzTests.Fixture server) : IClassFixture<PackageUploadFuzzTests.Fixture>
{
    public sealed class Fixture : FaasServerFixture
    {
        public override ValueTask InitializeAsync()
        {
            Factory.Settings["Faas:Storage:MaxExtractedBytes"] = (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return base.InitializeAsync();
        }
    }

    [Fact]
    public async Task Upload_GeneratedArchives_CreatedOrRefusedWithABody()
    {
        var archives = new RandomArchives(new Random(41));
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 60; i++)
        {
            var archive = archives.Next();
            var id = $"fuzz-{i}";
            var response = await server.Client.UploadAsync(id, archive.Bytes).Bounded();
            var body = await response.TextAsync();
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            var what = $"{archive.Kind}: {(int)response.StatusCode} {body}";

            Assert.False(string.IsNullOrWhiteSpace(body), what);
            Assert.NotNull(response.Content.Headers.ContentType);
            var app = Path.Combine(server.DataDirectory, "apps", id);
            switch (archive.Expected)
            {
                case RandomArchives.Outcome.Extracts:
                    Assert.True(response.StatusCode == HttpStatusCode.Created, what);
                    Assert.Equal(archive.Files.Keys.Order(StringComparer.Ordinal), Files(Path.Combine(app, "source")));
                    break;
                case RandomArchives.Outcome.BadRequest:
                    Assert.True(response.StatusCode == HttpStatusCode.BadRequest, what);
                    break;
                default:
                    Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, what);
                    break;
            }
            if (response.StatusCode != HttpStatusCode.Created)
            {
                Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
                Assert.False(Directory.Exists(app), what);
            }
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(server.DataDirectory, "staging")));
        }
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.Created) > 10 && statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 10, string.Join(", ", statuses));
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal);
}
