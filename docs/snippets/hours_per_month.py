# Mean viewing hours per month, from the tables of netflix-summary collect
# in ./tables: the mean is taken over respondents who observed the whole
# month (partial = false), and each month shows how many respondents stand
# behind it. Writes hours_per_month.csv, hours_per_month.png and
# respondents_per_month.png. Needs pandas and matplotlib.
import matplotlib
matplotlib.use("Agg")  # write files; no window needed (Rscript-like batch runs, SSH)
import matplotlib.pyplot as plt
import pandas as pd

resp = pd.read_csv("tables/respondents.csv", usecols=["row", "status"])
months = pd.read_csv("tables/months.csv", usecols=["row", "month", "seconds", "partial"],
                     true_values=["true"], false_values=["false"])

# Long format throughout: one row per respondent and month.
m = months[months["row"].isin(resp.loc[resp["status"] == "ok", "row"])]
whole = m[~m["partial"]]
per_month = pd.DataFrame({
    "respondents": m.groupby("month").size(),
    "full": whole.groupby("month").size(),
    "mean_hours": whole.groupby("month")["seconds"].mean() / 3600,
}).fillna({"full": 0})
per_month["full"] = per_month["full"].astype(int)
per_month["reliable"] = per_month["full"] >= 30  # a mean of at least 30 respondents
per_month.index.name = "month"
per_month.to_csv("hours_per_month.csv")

x = pd.to_datetime(per_month.index + "-01")
fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(x, per_month["mean_hours"], color="grey", linewidth=1)
ax.scatter(x[per_month["reliable"]], per_month["mean_hours"][per_month["reliable"]], color="black", s=10,
           label="30 or more respondents")
ax.scatter(x[~per_month["reliable"]], per_month["mean_hours"][~per_month["reliable"]], facecolors="none",
           edgecolors="black", s=10, label="fewer than 30")
ax.set_ylabel("Mean viewing hours per month\n(respondents who observed the whole month)")
ax.legend()
fig.tight_layout()
fig.savefig("hours_per_month.png", dpi=150)

fig, ax = plt.subplots(figsize=(8, 3))
ax.bar(x, per_month["respondents"], width=25, color="lightgrey", label="observed (partial months included)")
ax.bar(x, per_month["full"], width=25, color="black", label="observed the whole month")
ax.set_ylabel("Respondents")
ax.legend()
fig.tight_layout()
fig.savefig("respondents_per_month.png", dpi=150)
