"""Extension points of plans, registered by higher apps (see `zhicheng.core.hooks`)."""

from zhicheng.core.hooks import Hook

from .models import ReviewPlan

# True when applications depend on the plan's configuration ("frozen once used"). A registered
# check is only sound if creating an application takes the plan row's lock first
# (`ReviewPlan.objects.select_for_update().get(pk=plan_id)`, inside the transaction that inserts
# the application): every write in plans locks the plan row before asking, so the answer cannot
# turn from False to True between the question and the write.
plan_in_use: Hook[[ReviewPlan], bool] = Hook("plans.plan_in_use")

# Where 马上申报 leads for a plan (the 申报职称选择 page of the applications app). Nothing
# registered: applying is not open yet, and the plan page says so.
apply_start_url: Hook[[ReviewPlan], str] = Hook("plans.apply_start_url")
