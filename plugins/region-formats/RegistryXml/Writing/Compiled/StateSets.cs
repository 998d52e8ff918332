namespace Omslite.RegionFormats.RegistryXml.Writing.Compiled;

/// <summary>The sets of automaton states the subset constructions of <see cref="PatternCompiler"/> and
/// <see cref="ContentModelBuilder"/> work with.</summary>
internal static class StateSets
{
    /// <summary>The states reachable from <paramref name="states"/> by empty moves (<paramref name="empty"/>: the
    /// empty moves of each state), the states included.</summary>
    public static SortedSet<int> Closure(IEnumerable<int> states, List<List<int>> empty)
    {
        var closure = new SortedSet<int>(states);
        var work = new Stack<int>(closure);
        while (work.TryPop(out var n))
        {
            foreach (var to in empty[n])
            {
                if (closure.Add(to))
                {
                    work.Push(to);
                }
            }
        }

        return closure;
    }

    /// <summary>A key that is equal for equal sets.</summary>
    public static string Key(SortedSet<int> set) => string.Join(',', set);
}
