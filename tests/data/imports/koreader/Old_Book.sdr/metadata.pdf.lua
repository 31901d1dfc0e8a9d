-- ./Old_Book.pdf
return {
    ["bookmarks"] = {
        [1] = {
            ["datetime"] = "2021-08-01 10:00:00",
            ["highlighted"] = true,
            ["notes"] = "It was a bright cold day in April",
            ["page"] = 1,
            ["text"] = "Famous first line",
        },
    },
    ["doc_props"] = {
        ["authors"] = "",
        ["title"] = "",
    },
    ["highlight"] = {
        [1] = {
            [1] = {
                ["chapter"] = "Part One",
                ["datetime"] = "2021-08-01 10:00:00",
                ["drawer"] = "lighten",
                ["text"] = "It was a bright cold day in April",
            },
        },
    },
}
