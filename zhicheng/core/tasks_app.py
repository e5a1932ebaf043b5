"""django-tasks-db under the platform's name in 系统管理 (its app calls itself "Tasks Database
Backend", a plain string that no catalogue translates). INSTALLED_APPS names this config."""

from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = "后台任务"
