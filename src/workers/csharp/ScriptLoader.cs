using System.Reflection;

namespace Faas.Worker.CSharp;

/// <summary>
/// Loads an app's C# scripts into a <see cref="FunctionTable"/>, one handle per script in the
/// order given: <c>.cs</c> files are compiled together in memory with Roslyn; a <c>.csproj</c>
/// (or a folder holding one) is built with <c>dotnet build</c>; a <c>.dll</c> is loaded as is.
/// </summary>
internal static class ScriptLoader
{
    public static FunctionTable Load(LoadRequest request)
    {
        var sources = request.Scripts.Where(s => s.Extension == ".cs").ToList();
        // All .cs scripts form one compilation, so they can use each other's types.
        var compiled = sources.Count > 0 ? ScriptCompiler.Compile(sources) : null;
        var table = new FunctionTable();
        foreach (var script in request.Scripts)
        {
            var types = script.Extension switch
            {
                ".cs" => compiled!.TypesOf(script),
                ".csproj" => ExportedTypes(script, ProjectBuilder.BuildAndLoad(script, script.Path)),
                ".dll" => ExportedTypes(script, ProjectLoadContext.LoadMain(script.Path)),
                _ when Directory.Exists(script.Path) => ExportedTypes(script, ProjectBuilder.BuildAndLoad(script, ProjectIn(script))),
                _ => throw new LoadException($"{script.Name}: the C# worker loads .cs, .csproj and .dll files.", "NotSupportedException"),
            };
            table.AddHandle(script.Name, types);
        }
        return table;
    }

    private static string ProjectIn(ScriptFile folder)
    {
        var projects = Directory.GetFiles(folder.Path, "*.csproj");
        return projects.Length == 1
            ? projects[0]
            : throw new LoadException($"{folder.Name}: a folder script must hold exactly one .csproj (found {projects.Length}).", "NotSupportedException");
    }

    private static Type[] ExportedTypes(ScriptFile script, Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException)
        {
            throw new LoadException($"{script.Name}: {e.Message}", e.GetType().Name);
        }
    }
}
