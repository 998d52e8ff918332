using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omslite.Sdk.Plugins;

/// <summary>The <c>plugin.json</c> file that sits next to a published plugin.</summary>
/// <example>
/// <code>
/// { "id": "omslite-legacy", "name": "Omslite legacy MIS", "version": "1.0.0",
///   "kind": "mis-connector", "sdk": "1.0", "assembly": "Omslite.MisConnectors.Legacy.dll" }
/// </code>
/// </example>
public sealed record PluginManifest
{
    /// <summary>The file name the host looks for in every plugin folder.</summary>
    public const string FileName = "plugin.json";

    /// <summary>Stable id; configuration refers to the plugin by it.</summary>
    public required string Id { get; init; }

    /// <summary>Human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>The plugin's own version.</summary>
    public required string Version { get; init; }

    /// <summary><c>mis-connector</c> or <c>region-format</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The SDK version the plugin was built for, e.g. <c>1.0</c>.</summary>
    public required string Sdk { get; init; }

    /// <summary>The entry assembly file name, relative to the plugin folder.</summary>
    public required string Assembly { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses a manifest; throws <see cref="FormatException"/> with the reason when it is not valid.</summary>
    public static PluginManifest Parse(string json)
    {
        PluginManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PluginManifest>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"plugin.json is not valid: {ex.Message}", ex);
        }

        if (manifest is null)
        {
            throw new FormatException("plugin.json is empty");
        }

        manifest.Validate();
        return manifest;
    }

    /// <summary>The kind as an enum value.</summary>
    [JsonIgnore]
    public PluginKind KindValue => Kind switch
    {
        "mis-connector" => PluginKind.MisConnector,
        "region-format" => PluginKind.RegionFormat,
        _ => throw new FormatException($"plugin.json: unknown kind '{Kind}' (expected mis-connector or region-format)"),
    };

    /// <summary>The SDK version as a <see cref="System.Version"/>.</summary>
    [JsonIgnore]
    public Version SdkValue => System.Version.TryParse(Sdk, out var v)
        ? v
        : throw new FormatException($"plugin.json: sdk '{Sdk}' is not a version like 1.0");

    private void Validate()
    {
        if (string.IsNullOrWhiteSpace(Id) || Id.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            throw new FormatException($"plugin.json: id '{Id}' must be lower-case letters, digits and '-'");
        }

        if (string.IsNullOrWhiteSpace(Assembly) || Path.GetFileName(Assembly) != Assembly)
        {
            throw new FormatException($"plugin.json: assembly '{Assembly}' must be a file name in the plugin folder");
        }

        _ = KindValue;
        _ = SdkValue;
    }
}
