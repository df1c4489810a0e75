using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Deployments;

/// <summary>An app uploaded without any metacall.json: its scripts are inferred (docs/api.md).</summary>
public sealed class DetectionTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task PlainFolder_WithoutMetacallJson_IsDetectedDeployedAndCallable()
    {
        // node and py by extension (the config file is skipped); rb by its runtime rule (Gemfile + app.rb),
        // with a local path gem that bundle installs without any network.
        var zip = TestZip.Create(
            ("index.js", "module.exports = { sum: (a, b) => a + b };"),
            ("jest.config.js", "module.exports = { notAFunction: () => 1 };"),
            ("calc.py", "def mul(a, b):\n    return a * b\n"),
            ("Gemfile", "gem 'shout', path: 'vendor_gems/shout'\n"),
            ("app.rb", "require 'shout'\n\ndef shout(text)\n  Shout.loud(text)\nend\n"),
            ("helper.rb", "def not_loaded; end\n"),
            ("vendor_gems/shout/shout.gemspec",
                "Gem::Specification.new do |s|\n  s.name = 'shout'\n  s.version = '1.0.0'\n  s.summary = 'x'\n  s.authors = ['x']\n  s.files = ['lib/shout.rb']\nend\n"),
            ("vendor_gems/shout/lib/shout.rb", "module Shout\n  def self.loud(text) = \"#{text.upcase}!\"\nend\n"));

        await Client.DeployZipAsync("detected", zip);

        Assert.Equal("5", await Client.CallOkAsync(server.CallPath("detected", "sum"), "[2,3]"));
        Assert.Equal("6", await Client.CallOkAsync(server.CallPath("detected", "mul"), "[2,3]"));
        Assert.Equal("\"HEY!\"", await Client.CallOkAsync(server.CallPath("detected", "shout"), """["hey"]"""));
        foreach (var function in new[] { "notAFunction", "not_loaded" })
        {
            await (await Client.CallBoundedAsync(server.CallPath("detected", function), "[]")).ExpectAsync(HttpStatusCode.NotFound);
        }

        // Deploying again with the same Gemfile installs nothing.
        await (await Client.DeployAsync("detected").Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);
        await Client.WaitForLogAsync("detected", "[install] bundle install in . skipped: dependencies unchanged");
        Assert.Equal("\"HO!\"", await Client.CallOkAsync(server.CallPath("detected", "shout"), """["ho"]"""));
    }
}
