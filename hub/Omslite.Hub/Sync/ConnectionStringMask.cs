using System.Data.Common;

namespace Omslite.Hub.Sync;

/// <summary>A connection string fit to show: every password-like value replaced by ***.</summary>
public static class ConnectionStringMask
{
    private static readonly string[] SecretKeys = ["password", "pwd", "pass", "passwd", "user password"];

    public static string Mask(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().ToList())
            {
                if (SecretKeys.Contains(key.ToLowerInvariant()))
                {
                    builder[key] = "***";
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // Not key=value syntax: show nothing rather than risk showing a secret.
            return "***";
        }
    }
}
