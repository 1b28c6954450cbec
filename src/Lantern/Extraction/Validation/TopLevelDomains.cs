namespace Lantern.Extraction.Validation;

/// <summary>
/// Whether a host ends in a top-level domain that exists: any two-letter country code, an IDN
/// (<c>xn--</c>) TLD, or one of the generic TLDs below (the legacy ones and those most seen in
/// criminal-market material). Rejecting other endings keeps file names (<c>photo@2x.png</c>) and
/// code (<c>user@host.local</c>) out of the e-mail results.
/// </summary>
internal static class TopLevelDomains
{
    private static readonly HashSet<string> Generic = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "aero", "coop", "museum", "mobi", "asia", "tel",
        "travel", "jobs", "cat", "post", "xxx", "onion", "app", "dev", "page", "email", "online", "site", "website", "shop", "store",
        "xyz", "top", "club", "vip", "icu", "live", "life", "world", "today", "space", "tech", "cloud", "link", "click", "one", "fun",
        "market", "pharmacy", "health", "care", "services", "solutions", "digital", "network", "systems", "agency", "company", "center",
        "group", "global", "media", "news", "blog", "chat", "social", "team", "work", "works", "zone", "money", "cash", "finance",
        "bank", "capital", "exchange", "trade", "trading", "crypto", "bitcoin", "tokyo", "berlin", "amsterdam", "london", "paris",
        "nyc", "wien", "moscow", "best", "buzz", "cyou", "rest", "bar", "party", "win", "bid", "loan", "men", "date", "review",
        "science", "stream", "download", "racing", "accountant", "cricket", "faith", "gdn", "kim", "ltd", "ooo", "plus", "run",
        "host", "press", "website", "design", "studio", "art", "gallery", "photo", "pics", "pictures", "tube", "video", "tv",
        "mail", "inc", "llc", "gmbh", "ventures", "limited", "express", "delivery", "direct", "deals", "discount", "sale",
        "boutique", "fashion", "beauty", "fitness", "guru", "ninja", "rocks", "cool", "wtf", "lol", "fyi", "help", "support",
        "tools", "software", "codes", "computer", "hosting", "server", "security", "protection", "secure", "safe", "land",
        "city", "town", "house", "farm", "garden", "green", "earth", "eco", "bio", "organic", "energy", "gold", "diamonds",
        "vin", "wine", "beer", "pizza", "cafe", "restaurant", "kitchen", "menu", "coffee", "tokens", "nft", "eth",
    };

    public static bool IsKnown(string tld) =>
        (tld.Length == 2 && tld.All(char.IsAsciiLetter))
        || tld.StartsWith("xn--", StringComparison.OrdinalIgnoreCase)
        || Generic.Contains(tld);

    public static bool HostHasKnownTld(string host)
    {
        var dot = host.LastIndexOf('.');
        return dot > 0 && dot < host.Length - 1 && IsKnown(host[(dot + 1)..]);
    }
}
