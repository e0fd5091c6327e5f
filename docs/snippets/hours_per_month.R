# Mean viewing hours per month, from the tables of netflix-summary collect
# in ./tables: the mean is taken over respondents who observed the whole
# month (partial = false), and each month shows how many respondents stand
# behind it. Writes hours_per_month.csv, hours_per_month.png and
# respondents_per_month.png. Needs readr, dplyr and ggplot2.
library(readr)
library(dplyr)
library(ggplot2)

resp <- read_csv("tables/respondents.csv", col_types = cols_only(row = "i", status = "c"))
months <- read_csv("tables/months.csv",
                   col_types = cols_only(row = "i", month = "c", seconds = "d", partial = "l"))

# Long format throughout: one row per respondent and month.
per_month <- months |>
  semi_join(filter(resp, status == "ok"), by = "row") |>
  group_by(month) |>
  summarise(respondents = n(),
            full = sum(!partial),
            mean_hours = if (full > 0) mean(seconds[!partial]) / 3600 else NA_real_) |>
  mutate(reliable = full >= 30) # a mean of at least 30 respondents
write_csv(per_month, "hours_per_month.csv", na = "")

per_month <- mutate(per_month, month = as.Date(paste0(month, "-01")))
hours <- ggplot(per_month, aes(month, mean_hours)) +
  geom_line(colour = "grey") +
  geom_point(aes(shape = reliable)) +
  scale_shape_manual(values = c(`TRUE` = 16, `FALSE` = 1),
                     labels = c(`TRUE` = "30 or more respondents", `FALSE` = "fewer than 30"), name = NULL) +
  labs(x = NULL, y = "Mean viewing hours per month\n(respondents who observed the whole month)")
ggsave("hours_per_month.png", hours, width = 8, height = 4, dpi = 150)

counts <- ggplot(per_month, aes(month)) +
  geom_col(aes(y = respondents), fill = "lightgrey") +
  geom_col(aes(y = full), fill = "black") +
  labs(x = NULL, y = "Respondents\n(black: observed the whole month)")
ggsave("respondents_per_month.png", counts, width = 8, height = 3, dpi = 150)
