using System.Reflection;

namespace Omslite.Hub.Tests.Infrastructure;

/// <summary>
/// The plugins this test project builds without referencing them, copied from their build output into a new plugins
/// folder, one subfolder each, the way the hub finds published plugins.
/// </summary>
public static class BuiltPlugins
{
    /// <summary>A new plugins folder with the given plugins: their project folder under plugins/ and their id.</summary>
    public static string Folder(params (string Project, string Id)[] plugins)
    {
        var configuration = typeof(BuiltPlugins).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var root = Path.GetDirectoryName(Path.GetDirectoryName(HubProcess.HubDll))!;
        while (!File.Exists(Path.Combine(root, "Omslite.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var folder = TempDir.Create("plugins");
        foreach (var (project, id) in plugins)
        {
            var source = Path.Combine(root, "plugins", project);
            var target = Directory.CreateDirectory(Path.Combine(folder, id)).FullName;
            foreach (var file in Directory.GetFiles(Path.Combine(source, "bin", configuration, "net10.0")))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }

            // A build copies the manifest of some plugins only; publishing copies it always.
            if (!File.Exists(Path.Combine(target, "plugin.json")))
            {
                File.Copy(Path.Combine(source, "plugin.json"), Path.Combine(target, "plugin.json"));
            }
        }

        return folder;
    }
}
