-- we can read Lua syntax here!
return {
    ["annotations"] = {
        [1] = {
            ["chapter"] = "The Juggler's Brain",
            ["color"] = "yellow",
            ["datetime"] = "2024-03-14 21:05:11",
            ["drawer"] = "lighten",
            ["page"] = "/body/DocFragment[7]/body/p[12]/text().0",
            ["pageno"] = 115,
            ["pos0"] = "/body/DocFragment[7]/body/p[12]/text().0",
            ["pos1"] = "/body/DocFragment[7]/body/p[12]/text().88",
            ["text"] = "The Net seizes our attention only to scatter it.",
        },
        [2] = {
            ["chapter"] = "The Juggler's Brain",
            ["color"] = "blue",
            ["datetime"] = "2024-03-14 21:09:40",
            ["drawer"] = "underscore",
            ["note"] = "Compare with \"continuous partial attention\".\nSee chapter 9.",
            ["pageno"] = 118,
            ["text"] = "What we're experiencing is, in a metaphorical sense, a reversal of the early trajectory of civilization.",
        },
        [3] = {
            ["datetime"] = "2024-03-15 07:00:00",
            ["page"] = 140,
            ["pageno"] = 140,
        },
    },
    ["doc_pages"] = 276,
    ["doc_props"] = {
        ["authors"] = "Nicholas Carr",
        ["language"] = "en",
        ["title"] = "The Shallows",
    },
    ["partial_md5_checksum"] = "5d41402abc4b2a76b9719d911017c592",
    ["percent_finished"] = 0.51,
    ["stats"] = {
        ["highlights"] = 2,
        ["notes"] = 1,
        ["pages"] = 276,
    },
}
