using Microsoft.Extensions.Configuration;

namespace Omslite.Hub.Hosting;

/// <summary>
/// The <c>Omslite</c> configuration section. These names are a contract with scripts and headless installs
/// (environment variables use <c>__</c>: <c>Omslite__DataDir</c>, <c>Omslite__Mo__Code</c>, ...): keep them.
/// </summary>
public sealed class OmsliteOptions
{
    public const string Section = "Omslite";

    /// <summary>Embedded PostgreSQL cluster, generated files and keys. Relative paths are from the current directory.</summary>
    public string DataDir { get; set; } = "omslite-data";

    /// <summary>
    /// Where published plugins live, one folder each. Default: <c>plugins</c> next to the hub; a relative path is
    /// from the hub's folder (not the current directory), so a published folder works wherever it is started from.
    /// </summary>
    public string? PluginsDir { get; set; }

    /// <summary>The built web UI (<c>spa/dist</c>). Default: <c>wwwroot</c> next to the hub; relative to the hub's folder.</summary>
    public string? WebRoot { get; set; }

    /// <summary>Which reverse proxies may tell the hub the client's address and scheme (X-Forwarded-For/Proto).</summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public EmbeddedPostgresOptions EmbeddedPostgres { get; set; } = new();

    /// <summary>When set, seeds or overrides the MO record with this code at start.</summary>
    public MoOptions Mo { get; set; } = new();

    public List<SourceOptions> Sources { get; set; } = [];

    public AuthOptions Auth { get; set; } = new();

    /// <summary>The signing tool for registry packs (registry-pack-25.md §1.5).</summary>
    public SigningOptions Signing { get; set; } = new();

    public string ResolvedPluginsDir => FromHubFolder(PluginsDir, "plugins");

    public string ResolvedWebRoot => FromHubFolder(WebRoot, "wwwroot");

    public static OmsliteOptions From(IConfiguration configuration)
    {
        var options = new OmsliteOptions();
        configuration.GetSection(Section).Bind(options);
        options.DataDir = Path.GetFullPath(options.DataDir);
        return options;
    }

    private static string FromHubFolder(string? configured, string fallback) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? fallback : configured, AppContext.BaseDirectory);
}

/// <summary>
/// <c>Omslite:ForwardedHeaders</c>: the proxies (addresses) and proxy networks (CIDR) whose X-Forwarded-For and
/// X-Forwarded-Proto the hub believes. Empty (the default): only a proxy on the same machine (loopback) is trusted.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public List<string> KnownProxies { get; set; } = [];

    public List<string> KnownNetworks { get; set; } = [];
}

public sealed class EmbeddedPostgresOptions
{
    /// <summary>The OS user that runs the embedded server when the hub runs as root (default: postgres, else nobody).</summary>
    public string? ServerUser { get; set; }
}

/// <summary>
/// <c>Omslite:Signing</c>: the OpenSSL 3 that signs registry packs with the MO's GOST key (detached CMS, DER) and the
/// engine that gives it GOST R 34.10/34.11-2012 (Debian: the <c>libengine-gost-openssl</c> package).
/// </summary>
public sealed class SigningOptions
{
    /// <summary>The openssl executable: a name looked up on PATH, or a full path (e.g. on Windows).</summary>
    public string OpenSsl { get; set; } = "openssl";

    /// <summary>The GOST engine: its id (<c>gost</c>) or the full path of its shared library.</summary>
    public string Engine { get; set; } = "gost";

    /// <summary>How long one openssl run may take before it is stopped.</summary>
    public int TimeoutSeconds { get; set; } = 300;
}

public sealed class AuthOptions
{
    /// <summary>Signs the hub's tokens; when empty a key is generated into the data directory.</summary>
    public string? SigningKey { get; set; }

    public double TokenHours { get; set; } = 10;

    /// <summary>Login attempts per client address and login per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Browser origins allowed to call the API (CORS); empty means same-origin only.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>D9: tokens issued elsewhere (the original website) that the hub accepts, one shared key per MO.</summary>
    public List<ExternalTokenOptions> ExternalTokens { get; set; } = [];
}

/// <summary>
/// <c>Omslite__Auth__ExternalTokens__0__Mo=250796</c>, <c>__Key=...</c> (HS256, at least 32 characters),
/// <c>__RoleMap__dbuser=operator</c>: a token signed with the key belongs to that MO; its <c>role</c> claim maps to a
/// hub role (unmapped roles: operator).
/// </summary>
public sealed class ExternalTokenOptions
{
    public string? Mo { get; set; }

    public string? Key { get; set; }

    public Dictionary<string, string> RoleMap { get; set; } = [];
}

public sealed class MoOptions
{
    public string? Code { get; set; }

    public string? ShortCode { get; set; }

    public string? Name { get; set; }

    public string? Region { get; set; }

    public string? Okato { get; set; }

    public string? RegionFormat { get; set; }

    public string? Lpu1 { get; set; }

    public string? Plat { get; set; }
}

public sealed class SourceOptions
{
    public string? Name { get; set; }

    public string? Connector { get; set; }

    public string? ConnectionString { get; set; }

    public string? Schedule { get; set; }

    /// <summary>The connector's own settings, e.g. <c>Omslite__Sources__0__Settings__Mapping</c>.</summary>
    public Dictionary<string, string> Settings { get; set; } = [];
}
