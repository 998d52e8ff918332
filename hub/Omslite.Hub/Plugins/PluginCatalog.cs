using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using Omslite.Sdk;
using Omslite.Sdk.Plugins;

namespace Omslite.Hub.Plugins;

/// <summary>
/// The plugins found at start, one folder each under the plugins directory, each loaded in its own
/// load context with the SDK shared. A broken or incompatible plugin gets a status; the hub keeps running.
/// </summary>
public sealed class PluginCatalog
{
    private readonly List<PluginEntry> _entries;

    private PluginCatalog(List<PluginEntry> entries) => _entries = entries;

    public IReadOnlyList<PluginEntry> Entries => _entries;

    /// <summary>The loaded entry points implementing <typeparamref name="T"/>.</summary>
    public IEnumerable<T> Get<T>() where T : IPlugin =>
        _entries.Where(e => e.Status == PluginStatus.Loaded).SelectMany(e => e.Instances).OfType<T>();

    public static PluginCatalog Load(string pluginsDir, ILogger log)
    {
        var entries = new List<PluginEntry>();
        if (!Directory.Exists(pluginsDir))
        {
            log.LogInformation("No plugins directory at {PluginsDir}", pluginsDir);
            return new PluginCatalog(entries);
        }

        foreach (var folder in Directory.GetDirectories(pluginsDir).Order(StringComparer.Ordinal))
        {
            var entry = LoadOne(folder);
            if (entries.Any(e => e.Id == entry.Id && e.Status == PluginStatus.Loaded) && entry.Status == PluginStatus.Loaded)
            {
                entry = entry with { Status = PluginStatus.Broken, Error = $"another folder already provides plugin '{entry.Id}'", Instances = [] };
            }

            if (entry.Status == PluginStatus.Loaded)
            {
                log.LogInformation("Loaded plugin {Id} {Version} ({Kind}) from {Folder}", entry.Id, entry.Version, entry.Kind, folder);
            }
            else
            {
                log.LogWarning("Plugin in {Folder} is {Status}: {Error}", folder, entry.Status, entry.Error);
            }

            entries.Add(entry);
        }

        return new PluginCatalog(entries);
    }

    private static PluginEntry LoadOne(string folder)
    {
        PluginManifest manifest;
        try
        {
            var manifestPath = Path.Combine(folder, PluginManifest.FileName);
            if (!File.Exists(manifestPath))
            {
                return Broken(folder, null, $"no {PluginManifest.FileName} in {folder}");
            }

            manifest = PluginManifest.Parse(File.ReadAllText(manifestPath));
        }
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            return Broken(folder, null, ex.Message);
        }

        if (!SdkVersion.Supports(manifest.SdkValue))
        {
            return new PluginEntry(folder, manifest.Id, manifest.Version, manifest.Kind, PluginStatus.Incompatible,
                $"built for SDK {manifest.Sdk}; this hub provides SDK {SdkVersion.Current}", []);
        }

        try
        {
            var assemblyPath = Path.Combine(folder, manifest.Assembly);
            if (!File.Exists(assemblyPath))
            {
                return Broken(folder, manifest, $"assembly {manifest.Assembly} is missing");
            }

            var loader = PluginLoader.CreateFromAssemblyFile(
                assemblyPath,
                sharedTypes: [typeof(IPlugin)],
                config => config.PreferSharedTypes = true);
            var assembly = loader.LoadDefaultAssembly();
            var instances = CreateEntryPoints(assembly);
            if (instances.Count == 0)
            {
                return Broken(folder, manifest, $"{manifest.Assembly} has no public type implementing a plugin interface");
            }

            var wrongId = instances.FirstOrDefault(i => i.Id != manifest.Id);
            if (wrongId is not null)
            {
                return Broken(folder, manifest, $"{wrongId.GetType().Name}.Id is '{wrongId.Id}' but the manifest says '{manifest.Id}'");
            }

            return new PluginEntry(folder, manifest.Id, manifest.Version, manifest.Kind, PluginStatus.Loaded, null, instances);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A plugin may throw anything from a constructor or a type load; none of it may stop the hub.
            var reason = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            return Broken(folder, manifest, $"{reason.GetType().Name}: {reason.Message}");
        }
    }

    private static List<IPlugin> CreateEntryPoints(Assembly assembly) =>
        assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPlugin).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IPlugin)Activator.CreateInstance(t)!)
            .ToList();

    private static PluginEntry Broken(string folder, PluginManifest? manifest, string error) =>
        new(folder, manifest?.Id ?? Path.GetFileName(folder), manifest?.Version, manifest?.Kind, PluginStatus.Broken, error, []);
}
