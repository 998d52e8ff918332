namespace Omslite.MisConnectors.SqlMapping;

/// <summary>
/// A problem with a mapping, its queries or the MIS database, with a Russian message for the clinic's admin that
/// names the query and column to fix. The hub records the message of a failed pull as it is.
/// </summary>
public sealed class SqlMappingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SqlMappingException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
