namespace Faas.Server.Tests.Infrastructure;

/// <summary>The language runtimes the tests run real workers with.</summary>
public static class Runtimes
{
    /// <summary>Python by absolute path when pyenv's is there (its shim costs ~300 ms a start).</summary>
    public static string Python { get; } =
        Environment.GetEnvironmentVariable("FAAS_TEST_PYTHON")
        ?? (File.Exists("/root/.pyenv/versions/3.11.7/bin/python3") ? "/root/.pyenv/versions/3.11.7/bin/python3" : "python3");
}
